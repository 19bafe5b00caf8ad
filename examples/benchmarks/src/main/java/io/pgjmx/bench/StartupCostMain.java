package io.pgjmx.bench;

import io.pgjmx.pg.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * {@code java -cp examples/benchmarks/target/pgjmx-benchmarks.jar io.pgjmx.bench.StartupCostMain [RUNS]} (or
 * {@code examples/benchmarks/startup-table.sh}, which builds first and finds the other agents): what an agent
 * adds to a whole process, start to exit. Runs {@link StartupApp} (HikariCP pool of 5, 200 queries, exit) in
 * fresh JVMs without an agent, with pgjmx (defaults, and {@code jolokia=false}), with the stock Jolokia JVM
 * agent alone and, when {@code -Dbench.otel=JAR} names it, the OpenTelemetry Java agent, beside two floors no
 * agent goes below ({@link ReferenceAgents}: an empty {@code premain}, and one that only adds a transformer); interleaved (the order
 * rotates each round, after one discarded warm-up round). Prints median (min-max) of wall time, CPU (user+sys
 * of the whole child process) and peak RSS, as {@code /usr/bin/time} reports them for the child, when main
 * began and how long the pool's first getConnection took, and the ratios to the run without an agent. A
 * measurement to report, not a pass/fail threshold; run it from the repository's top directory.
 *
 * <p>{@code -Dbench.agent=JAR} and {@code -Dbench.jolokia=JAR} point elsewhere than the build's jars,
 * {@code -Dbench.before=JAR} adds another pgjmx jar (an earlier build) to the same interleaved runs;
 * {@code -Dbench.only=NAME,...} keeps some variants (by the start of their names; the floors stay), {@code -Dbench.pgjmxArgs=...}
 * adds options to both pgjmx variants, {@code -Dbench.jvmArgs="..."} adds JVM options to every run.
 */
public final class StartupCostMain {

    private static final String TIME = "/usr/bin/time";

    private StartupCostMain() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        Path pgjmx = jar("bench.agent", "agent/target/pgjmx-agent.jar");
        Path jolokia = jar("bench.jolokia", "examples/benchmarks/target/agents/jolokia-agent-jvm-javaagent.jar");
        if (!Files.isExecutable(Path.of(TIME))) {
            System.err.println(TIME + " is missing (Debian: apt-get install time); it reports the child's CPU and peak RSS");
            System.exit(2);
        }
        TestPostgres pg = TestPostgres.get();
        System.out.println("PostgreSQL: " + pg.description());

        String pgjmxArgs = System.getProperty("bench.pgjmxArgs", "");
        String extra = pgjmxArgs.isEmpty() ? "" : "," + pgjmxArgs;
        // both agents with their HTTP endpoint on, as they start by default, on any free port so runs never clash
        Map<String, List<String>> variants = new LinkedHashMap<>();
        variants.put("no agent", List.of());
        // the floors under any agent: the JVM's -javaagent handling, and a transformer that changes nothing
        variants.put("empty -javaagent (floor)", List.of("-javaagent:" + ReferenceAgents.jar(ReferenceAgents.Empty.class)));
        variants.put("no-op transformer (floor)",
                List.of("-javaagent:" + ReferenceAgents.jar(ReferenceAgents.TransformerOnly.class)));
        variants.put("pgjmx (defaults)", List.of("-javaagent:" + pgjmx + "=port=0" + extra));
        // splits pgjmx's figure into its HTTP endpoint and the rest
        variants.put("pgjmx jolokia=false", List.of("-javaagent:" + pgjmx + "=jolokia=false" + extra));
        // another build of pgjmx in the same interleaved runs: a change measured against what it changes
        Path before = optionalJar("bench.before");
        if (before != null) {
            variants.put("pgjmx before (defaults)", List.of("-javaagent:" + before + "=port=0" + extra));
            variants.put("pgjmx before jolokia=false", List.of("-javaagent:" + before + "=jolokia=false" + extra));
        }
        variants.put("Jolokia 2 JVM agent alone", List.of("-javaagent:" + jolokia + "=port=0"));
        Path otel = optionalJar("bench.otel");
        if (otel != null) {
            variants.put("OpenTelemetry agent alone", List.of("-javaagent:" + otel, "-Dotel.traces.exporter=none",
                    "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none"));
        }
        String only = System.getProperty("bench.only");
        if (only != null) {
            List<String> keep = List.of(only.split(","));
            variants.keySet().removeIf(n -> !n.equals("no agent") && !n.endsWith("(floor)")
                    && keep.stream().noneMatch(n::startsWith));
        }
        List<String> names = new ArrayList<>(variants.keySet());
        Map<String, List<Run>> runsOf = new LinkedHashMap<>();
        names.forEach(n -> runsOf.put(n, new ArrayList<>()));

        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        for (int round = 0; round <= runs; round++) {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get((round + i) % names.size());
                Run r = run(variants.get(name), pg);
                if (round > 0) { // round 0 warms the page cache and the server
                    runsOf.get(name).add(r);
                }
            }
        }
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
        System.out.printf(Locale.ROOT, "%nWhole process, HikariCP pool of 5 + 200 queries, start to exit (JDK %s, %d cores, "
                + "%d interleaved runs each; load average before %s, after %s):%n%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), runs, loadBefore, loadAfter);
        System.out.println("| | wall ms, median (min-max) | ratio | CPU ms, median (min-max) | ratio "
                + "| peak RSS MiB, median (min-max) | +MiB | main begins, ms | first getConnection, ms |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        List<Run> bare = runsOf.get(names.get(0));
        double bareWall = median(bare, Run::wallMs);
        double bareCpu = median(bare, Run::cpuMs);
        double bareRss = median(bare, Run::rssMib);
        double bareMain = median(bare, Run::mainAtMs);
        double bareFirst = median(bare, Run::firstConnectionMs);
        for (String name : names) {
            List<Run> r = runsOf.get(name);
            double wall = median(r, Run::wallMs);
            double cpu = median(r, Run::cpuMs);
            double rss = median(r, Run::rssMib);
            double mainAt = median(r, Run::mainAtMs) - bareMain;
            double first = median(r, Run::firstConnectionMs);
            System.out.printf(Locale.ROOT, "| %s | %.0f (%.0f-%.0f) | %.2f× | %.0f (%.0f-%.0f) | %.2f× | %.0f (%.0f-%.0f) | %+.0f "
                    + "| %s | %.0f (%+.0f) |%n",
                    name, wall, min(r, Run::wallMs), max(r, Run::wallMs), wall / bareWall,
                    cpu, min(r, Run::cpuMs), max(r, Run::cpuMs), cpu / bareCpu,
                    rss, min(r, Run::rssMib), max(r, Run::rssMib), rss - bareRss,
                    name.equals(names.get(0)) ? "0 (reference)" : String.format(Locale.ROOT, "%+.0f", mainAt),
                    first, first - bareFirst);
        }
        System.out.println();
        System.out.println("wall: launch to exit as this process sees it; CPU (user+sys) and peak RSS (the kernel's "
                + "maxrss, VmHWM) of the whole child as " + TIME + " reports them; 'main begins': when main began, "
                + "relative to the run without an agent; first getConnection: building the pool and its first "
                + "connection, in main (the difference to no agent in brackets).");
    }

    /** One process: wall time start to exit, the child's CPU and peak RSS, and what it reported of itself. */
    record Run(double wallMs, double cpuMs, double rssMib, double mainAtMs, double firstConnectionMs) {
    }

    private static Run run(List<String> agentArgs, TestPostgres pg) throws Exception {
        Path times = Files.createTempFile("pgjmx-bench-time", ".txt");
        try {
            List<String> cmd = new ArrayList<>(List.of(TIME, "-f", "%e %U %S %M", "-o", times.toString(),
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
            String jvmArgs = System.getProperty("bench.jvmArgs", "").trim();
            if (!jvmArgs.isEmpty()) {
                cmd.addAll(List.of(jvmArgs.split("\\s+")));
            }
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
            // the last line: "/usr/bin/time" may put a note about a signal before it
            List<String> lines = Files.readAllLines(times);
            String[] t = lines.get(lines.size() - 1).trim().split(" ");
            double cpuMs = (Double.parseDouble(t[1]) + Double.parseDouble(t[2])) * 1000;
            double rssMib = Double.parseDouble(t[3]) / 1024;
            return new Run(ms, cpuMs, rssMib, reported.get("main-at-ms") - startWall, reported.get("first-connection-ms"));
        } finally {
            Files.deleteIfExists(times);
        }
    }

    private static double min(List<Run> runs, ToDoubleFunction<Run> f) {
        return runs.stream().mapToDouble(f).min().orElse(0);
    }

    private static double max(List<Run> runs, ToDoubleFunction<Run> f) {
        return runs.stream().mapToDouble(f).max().orElse(0);
    }

    private static double median(List<Run> runs, ToDoubleFunction<Run> f) {
        List<Double> sorted = runs.stream().map(f::applyAsDouble).sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static Path optionalJar(String property) {
        String p = System.getProperty(property);
        return p == null || p.isBlank() ? null : jar(property, p);
    }

    private static Path jar(String property, String dflt) {
        Path jar = Path.of(System.getProperty(property, dflt)).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            System.err.println(jar + " not found; build first (examples/benchmarks/startup-table.sh does) and run from "
                    + "the top directory, or set -D" + property + "=JAR");
            System.exit(2);
        }
        return jar;
    }
}
