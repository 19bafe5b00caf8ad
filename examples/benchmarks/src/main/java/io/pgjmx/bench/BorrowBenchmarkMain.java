package io.pgjmx.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code java -cp examples/benchmarks/target/pgjmx-benchmarks.jar io.pgjmx.bench.BorrowBenchmarkMain [AGENT_JAR]}:
 * the added cost of recording the holder of each borrowed connection, with {@code borrowStacks} off (the
 * default) and on, printed as nanoseconds per borrow+return over the same loop without the calls.
 */
public final class BorrowBenchmarkMain {

    private BorrowBenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        Path agent = Path.of(args.length > 0 ? args[0] : "agent/target/pgjmx-agent.jar").toAbsolutePath();
        if (!Files.isRegularFile(agent)) {
            System.err.println("agent jar not found at " + agent + "; build it first (mvn -pl agent -am package "
                    + "-DskipTests) or pass its path");
            System.exit(2);
        }
        Map<String, Double> off = run(agent, false);
        Map<String, Double> on = run(agent, true);
        System.out.println();
        System.out.println("pgjmx borrow+return bookkeeping, pool of 10 entries, 1 thread (Java "
                + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("os.arch") + "):");
        print("borrowStacks=false", off.get("borrowAndReturn") - off.get("baseline"),
                off.get("borrowAndReturn100FramesDeep") - off.get("baseline100FramesDeep"));
        print("borrowStacks=true ", on.get("borrowAndReturn") - on.get("baseline"),
                on.get("borrowAndReturn100FramesDeep") - on.get("baseline100FramesDeep"));
        System.out.printf(Locale.ROOT, "  one System.nanoTime() on this machine: %.1f ns (why a borrow reads the agent's "
                + "clock tick instead)%n", off.get("clockRead"));
        System.out.printf(Locale.ROOT, "  (baseline loop: %.1f ns/op; raw scores: off=%s on=%s)%n", off.get("baseline"),
                off, on);
    }

    private static void print(String what, double shallow, double deep) {
        System.out.printf(Locale.ROOT, "  %s added: %8.1f ns per borrow+return (JMH's stack), %8.1f ns 100 frames "
                + "deeper%n", what, shallow, deep);
    }

    private static Map<String, Double> run(Path agent, boolean borrowStacks) throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(BorrowBenchmark.class.getName())
                .forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                .threads(1)
                .jvmArgsAppend("-javaagent:" + agent + "=jolokia=false", "-Dbench.borrowStacks=" + borrowStacks)
                .build()).run();
        Map<String, Double> scores = new HashMap<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            scores.put(label.substring(label.lastIndexOf('.') + 1), r.getPrimaryResult().getScore());
        }
        return scores;
    }
}
