package io.pgjmx.bench;

import io.pgjmx.pg.TestPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -cp examples/benchmarks/target/pgjmx-benchmarks.jar io.pgjmx.bench.AttachPauseMain [AGENT_JAR]}:
 * how long an application's thread is held up while pgjmx is attached to it. Starts {@link AttachPauseApp}
 * (HikariCP in a tight getConnection/close loop, no agent) in a fresh JVM, records the longest gap between
 * iterations for 5 s without the agent, then across {@code java -jar pgjmx-agent.jar attach PID} plus 1 s,
 * in three fresh JVMs. The figure is a measurement to report, not a pass/fail threshold.
 *
 * <p>{@code -Dbench.appJvmArgs="..."} adds options to the application's JVM, {@code -Dbench.appLog=FILE}
 * keeps its standard error (which is also where the agent logs).
 */
public final class AttachPauseMain {

    private static final int ROUNDS = 3;

    private AttachPauseMain() {
    }

    public static void main(String[] args) throws Exception {
        Path agent = BenchSetup.agentJar(args.length > 0 ? args[0] : "agent/target/pgjmx-agent.jar", "pass its path");
        TestPostgres pg = TestPostgres.get();
        System.out.println("PostgreSQL: " + pg.description());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        double worstBaseline = 0;
        double worstAttach = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m"));
            // e.g. -Dbench.appJvmArgs=-Xlog:safepoint to see what the pauses are made of
            String extra = System.getProperty("bench.appJvmArgs", "").trim();
            if (!extra.isEmpty()) {
                cmd.addAll(List.of(extra.split("\\s+")));
            }
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), AttachPauseApp.class.getName(),
                    pg.jdbcUrl(), pg.superUser(), pg.superPassword()));
            String log = System.getProperty("bench.appLog");
            Process app = new ProcessBuilder(cmd).redirectError(log == null ? ProcessBuilder.Redirect.DISCARD
                    : ProcessBuilder.Redirect.appendTo(Path.of(log).toFile())).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter in = new PrintWriter(app.getOutputStream(), true, StandardCharsets.UTF_8);
                String ready = out.readLine();
                if (ready == null || !ready.startsWith("READY ")) {
                    throw new IllegalStateException("the application did not start: " + ready);
                }
                long pid = Long.parseLong(ready.substring(6));
                Thread.sleep(5000); // JIT warm-up
                mark(in, out);
                Thread.sleep(5000);
                double baseline = mark(in, out);
                long start = System.nanoTime();
                List<String> attachOutput = attach(java, agent, pid);
                double attachMs = (System.nanoTime() - start) / 1e6;
                Thread.sleep(1000);
                double during = mark(in, out);
                worstBaseline = Math.max(worstBaseline, baseline);
                worstAttach = Math.max(worstAttach, during);
                System.out.printf(Locale.ROOT, "round %d: longest gap without agent %6.1f ms (5 s); across the attach "
                        + "%6.1f ms (attach command took %.0f ms)%n", round, baseline, during, attachMs);
                attachOutput.forEach(l -> System.out.println("    | " + l));
                in.println("exit");
            } finally {
                if (!app.waitFor(10, TimeUnit.SECONDS)) {
                    app.destroyForcibly();
                }
            }
        }
        System.out.println();
        System.out.println("Longest pause of an application thread (HikariCP getConnection/close loop, " + System.getProperty(
                "java.version") + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + ROUNDS + " JVMs):");
        System.out.printf(Locale.ROOT, "  without agent (5 s):     %6.1f ms%n", worstBaseline);
        System.out.printf(Locale.ROOT, "  across attach (+1 s):    %6.1f ms%n", worstAttach);
    }

    /** The longest gap since the last mark, in ms. */
    private static double mark(PrintWriter in, BufferedReader out) throws Exception {
        in.println("mark");
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("MAX ")) {
                return Long.parseLong(line.split(" ")[1]) / 1e6;
            }
            if (line.startsWith("ERROR")) {
                throw new IllegalStateException(line);
            }
        }
        throw new IllegalStateException("the application ended");
    }

    private static List<String> attach(String java, Path agent, long pid) throws Exception {
        Process p = new ProcessBuilder(java, "-jar", agent.toString(), "attach", Long.toString(pid), "jolokia=false")
                .redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines().toList());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("attach failed (exit " + p.exitValue() + "): " + lines);
        }
        return lines;
    }
}
