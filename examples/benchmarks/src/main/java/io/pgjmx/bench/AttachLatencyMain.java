package io.pgjmx.bench;

import io.pgjmx.pg.TestPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -cp examples/benchmarks/target/pgjmx-benchmarks.jar io.pgjmx.bench.AttachLatencyMain [ROUNDS]}:
 * from the start of {@code java -jar pgjmx-agent.jar attach PID port=N} to the first answer of
 * {@code pgjmx:type=DataSource} over HTTP (a Jolokia read of its {@code Name}), for a pool in use and for a
 * pool idle at attach time, of HikariCP, DBCP2 and Tomcat JDBC ({@link AttachLatencyApp}, fresh JVM each round,
 * no agent before the attach). Also how long the attach command itself took. Gives up on a round after
 * {@code -Dbench.limit} seconds (40). A measurement to report, not a pass/fail threshold.
 */
public final class AttachLatencyMain {

    private AttachLatencyMain() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        long limitMs = Long.getLong("bench.limit", 40) * 1000;
        Path agent = Path.of(System.getProperty("bench.agent", "agent/target/pgjmx-agent.jar")).toAbsolutePath();
        if (!Files.isRegularFile(agent)) {
            System.err.println(agent + " not found; build it first or set -Dbench.agent=JAR");
            System.exit(2);
        }
        TestPostgres pg = TestPostgres.get();
        System.out.println("PostgreSQL: " + pg.description());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        List<String> scenarios = List.of(System.getProperty("bench.scenarios",
                "hikari busy,hikari idle,dbcp2 busy,dbcp2 idle,tomcat busy,tomcat idle").split(","));
        System.out.printf(Locale.ROOT, "%nAttach latency (JDK %s, %d cores, %d fresh JVMs each; load average %s):%n%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), rounds,
                Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.println("| pool | DataSource MBean answers over HTTP, ms: each round | attach command exits, ms: each round |");
        System.out.println("|---|---|---|");
        for (String scenario : scenarios) {
            String[] fm = scenario.trim().split(" ");
            List<String> answered = new ArrayList<>();
            List<String> exited = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                long[] r = round(java, agent, pg, http, fm[0], fm[1], limitMs);
                answered.add(r[0] < 0 ? "none in " + limitMs / 1000 + " s" : Long.toString(r[0]));
                exited.add(Long.toString(r[1]));
            }
            System.out.printf(Locale.ROOT, "| %s | %s | %s |%n", scenario.trim(), String.join(", ", answered),
                    String.join(", ", exited));
        }
    }

    /** {ms until the MBean answered (-1: not within the limit), ms until the attach command exited}. */
    private static long[] round(String java, Path agent, TestPostgres pg, HttpClient http, String family, String mode,
            long limitMs) throws Exception {
        List<String> cmd = List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                AttachLatencyApp.class.getName(), family, mode, pg.jdbcUrl(), pg.superUser(), pg.superPassword());
        Process app = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            if (ready == null || !ready.startsWith("READY ")) {
                throw new IllegalStateException("the application did not start: " + ready);
            }
            long pid = Long.parseLong(ready.substring(6));
            Thread.sleep(2000); // settled: the pool's start-up is over, an idle pool is idle
            int port = freePort();
            URI read = URI.create("http://127.0.0.1:" + port + "/jolokia/read/pgjmx:type=DataSource,*/Name");
            long start = System.nanoTime();
            Process attach = new ProcessBuilder(java, "-jar", agent.toString(), "attach", Long.toString(pid),
                    "port=" + port).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long exitedMs = -1;
            long answeredMs = -1;
            while (System.nanoTime() - start < limitMs * 1_000_000) {
                if (exitedMs < 0 && !attach.isAlive()) {
                    exitedMs = (System.nanoTime() - start) / 1_000_000;
                    if (attach.exitValue() != 0) {
                        throw new IllegalStateException("attach failed with exit " + attach.exitValue());
                    }
                }
                if (answered(http, read)) {
                    answeredMs = (System.nanoTime() - start) / 1_000_000;
                    break;
                }
                Thread.sleep(20);
            }
            if (attach.waitFor(30, TimeUnit.SECONDS) && exitedMs < 0) {
                exitedMs = (System.nanoTime() - start) / 1_000_000;
            }
            new PrintWriter(app.getOutputStream(), true, StandardCharsets.UTF_8).println("exit");
            return new long[] {answeredMs, exitedMs};
        } finally {
            if (!app.waitFor(10, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    private static boolean answered(HttpClient http, URI read) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(read).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"status\":200") && r.body().contains("\"Name\"");
        } catch (Exception e) {
            return false; // not listening yet
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
