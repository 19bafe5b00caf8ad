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
 * an agent adds to a whole process, start to exit. Runs {@link StartupApp} (HikariCP pool of 5, 200 queries, exit) in fresh
 * JVMs without an agent, with pgjmx (with and without its HTTP endpoint), and with the stock Jolokia JVM
 * agent alone, interleaved (the order rotates each round, after one discarded warm-up round), and prints a table:
 * wall time median/min/max, CPU, peak RSS, when main began, and the ratios to the run without an agent
 * ({@code -Dbench.otel=JAR} adds the OpenTelemetry Java agent). Wall time is System.nanoTime from process start to its exit, so it
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
        Path otel = optionalJar("bench.otel");
        if (otel != null) {
            variants.put("with OpenTelemetry agent", List.of("-javaagent:" + otel, "-Dotel.traces.exporter=none",
                    "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none"));
        }
        List<String> names = new ArrayList<>(variants.keySet());
        Map<String, List<Run>> runsOf = new LinkedHashMap<>();
        names.forEach(n -> runsOf.put(n, new ArrayList<>()));

        for (int round = 0; round <= runs; round++) {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get((round + i) % names.size());
                Run r = run(variants.get(name), pg);
                if (round > 0) { // round 0 warms the page cache and the server
                    runsOf.get(name).add(r);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%nwhole process, HikariCP pool of 5 + 200 queries, start to exit (JDK %s, %d cores, "
                + "%d interleaved runs each):%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), runs);
        System.out.printf(Locale.ROOT, "| %-28s | %-24s | %-6s | %-8s | %-6s | %-11s | %-6s | %-12s |%n", "", "wall ms median (min-max)",
                "ratio", "CPU ms", "ratio", "peak RSS MiB", "+MiB", "main at +ms");
        System.out.println("|---|---|---|---|---|---|---|---|");
        List<Run> bare = runsOf.get(names.get(0));
        double bareWall = median(bare, Run::wallMs);
        double bareCpu = median(bare, Run::cpuMs);
        double bareRss = median(bare, Run::rssMib);
        double bareMain = median(bare, Run::mainAtMs);
        for (String name : names) {
            List<Run> r = runsOf.get(name);
            double wall = median(r, Run::wallMs);
            double cpu = median(r, Run::cpuMs);
            double rss = median(r, Run::rssMib);
            System.out.printf(Locale.ROOT, "| %-28s | %5.0f (%5.0f-%5.0f)        | %5.2fx | %8.0f | %5.2fx | %11.0f | %+6.0f | %+12.0f |%n",
                    name, wall, r.stream().mapToDouble(Run::wallMs).min().orElse(0),
                    r.stream().mapToDouble(Run::wallMs).max().orElse(0), wall / bareWall, cpu, cpu / bareCpu, rss,
                    rss - bareRss, median(r, Run::mainAtMs) - bareMain);
        }
        System.out.println("(CPU and peak RSS as the process reads them from /proc/self at the end of main; "
                + "'main at' is when main began, relative to the run without an agent)");
    }

    /** One process: wall time start to exit, and what it reported of itself. */
    record Run(double wallMs, double cpuMs, double rssMib, double mainAtMs) {
    }

    private static Run run(List<String> agentArgs, TestPostgres pg) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m"));
        cmd.addAll(agentArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), StartupApp.class.getName(), pg.jdbcUrl(),
                pg.superUser(), pg.superPassword()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        long startWall = System.currentTimeMillis();
        long start = System.nanoTime();
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        int exit = p.waitFor();
        double ms = (System.nanoTime() - start) / 1e6;
        if (exit != 0) {
            throw new IllegalStateException("the application exited with " + exit + ": " + cmd);
        }
        Map<String, Double> reported = new LinkedHashMap<>();
        for (String line : out.split("\\R")) {
            String[] kv = line.trim().split(" ");
            if (kv.length == 2) {
                reported.put(kv[0], Double.parseDouble(kv[1]));
            }
        }
        return new Run(ms, reported.get("cpu-ms"), reported.get("peak-rss-kib") / 1024,
                reported.get("main-at-ms") - startWall);
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
        return median(runs.stream().map(r -> f.applyAsDouble(r)).toList());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static Path optionalJar(String property) {
        String p = System.getProperty(property);
        return p == null ? null : jar(property, p);
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
