package io.pgjmx.bench;

import io.pgjmx.pg.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code java -cp examples/benchmarks/target/pgjmx-benchmarks.jar io.pgjmx.bench.StartupCostMain [RUNS]}: what
 * an agent adds to a whole process, start to exit. Runs {@link StartupApp} (HikariCP, one query, exit) in fresh
 * JVMs without an agent, with pgjmx (with and without its HTTP endpoint), and with the stock Jolokia JVM
 * agent alone, interleaved (the order rotates each round, after one discarded warm-up round), and prints the
 * median, min and max wall time of each. Wall time is System.nanoTime from process start to its exit, so it
 * includes JVM start-up and shutdown. A measurement to report, not a pass/fail threshold; run it from the
 * repository's top directory.
 *
 * <p>{@code -Dbench.agent=JAR} and {@code -Dbench.jolokia=JAR} point elsewhere than the build's jars.
 */
public final class StartupCostMain {

    private StartupCostMain() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Path pgjmx = jar("bench.agent", "agent/target/pgjmx-agent.jar");
        Path jolokia = jar("bench.jolokia", "agent/target/test-agents/jolokia-agent-jvm-2.6.0-javaagent.jar");
        TestPostgres pg = TestPostgres.get();
        System.out.println("PostgreSQL: " + pg.description());

        // both agents with their HTTP endpoint on, as they start by default, on any free port so runs never clash
        Map<String, List<String>> variants = new LinkedHashMap<>();
        variants.put("without agent", List.of());
        variants.put("with pgjmx", List.of("-javaagent:" + pgjmx + "=port=0"));
        // splits pgjmx's figure into its HTTP endpoint and the rest
        variants.put("with pgjmx, jolokia=false", List.of("-javaagent:" + pgjmx + "=jolokia=false"));
        variants.put("with Jolokia agent only", List.of("-javaagent:" + jolokia + "=port=0"));
        List<String> names = new ArrayList<>(variants.keySet());
        Map<String, List<Double>> times = new LinkedHashMap<>();
        names.forEach(n -> times.put(n, new ArrayList<>()));

        for (int round = 0; round <= runs; round++) {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get((round + i) % names.size());
                double ms = run(variants.get(name), pg);
                if (round > 0) { // round 0 warms the page cache and the server
                    times.get(name).add(ms);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%nwhole process, HikariCP + one query, start to exit (%s, %d cores, %d runs each):%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), runs);
        double bare = median(times.get(names.get(0)));
        for (String name : names) {
            List<Double> t = times.get(name);
            double median = median(t);
            System.out.printf(Locale.ROOT, "  %-26s median %5.0f ms  (min %5.0f, max %5.0f)%s%n", name + ":", median,
                    t.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                    t.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                    name.equals(names.get(0)) ? "" : String.format(Locale.ROOT, "  %+5.0f ms", median - bare));
        }
    }

    private static double run(List<String> agentArgs, TestPostgres pg) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m"));
        cmd.addAll(agentArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), StartupApp.class.getName(), pg.jdbcUrl(),
                pg.superUser(), pg.superPassword()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        long start = System.nanoTime();
        int exit = pb.start().waitFor();
        double ms = (System.nanoTime() - start) / 1e6;
        if (exit != 0) {
            throw new IllegalStateException("the application exited with " + exit + ": " + cmd);
        }
        return ms;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static Path jar(String property, String dflt) {
        Path jar = Path.of(System.getProperty(property, dflt)).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            System.err.println(jar + " not found; build first (mvn -q -DskipTests install) and run from the top "
                    + "directory, or set -D" + property + "=JAR");
            System.exit(2);
        }
        return jar;
    }
}
