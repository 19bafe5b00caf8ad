package io.pgjmx.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.pgjmx.testing.AgentJvm;
import io.pgjmx.testing.Db;
import io.pgjmx.testing.Eventually;
import io.pgjmx.testing.Prerequisite;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jolokia.json.parser.JSONParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} as a fleet uses it: a real Prometheus server (Debian's {@code prometheus}) scrapes the
 * agent with basic auth and answers PromQL queries with the exact figures of a pool in trouble.
 */
class MetricsIT {

    private static final String USER = "scraper";
    private static final String PASSWORD = "scrape-pw";
    private static AgentJvm app;
    private static String metricsUrl;
    private static Process prometheus;
    private static String prometheusUrl;
    private static Path work;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        String binary = findPrometheus();
        Db.createLockTable();
        Db.pg().createRole("metrics_app", Db.APP_PASSWORD);
        app = AgentJvm.start("port=0,user=" + USER + ",password=" + PASSWORD);
        app.send("hikari fleet 3 " + Db.url() + " metrics_app " + Db.APP_PASSWORD);
        app.awaitDataSource("fleet");
        String jolokia = HttpIT.jolokiaUrl(app);
        metricsUrl = jolokia.replaceFirst("/jolokia/$", "/metrics");

        work = Files.createTempDirectory("pgjmx-prometheus");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        URI target = URI.create(metricsUrl);
        Files.writeString(work.resolve("prometheus.yml"), String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  scrape_timeout: 1s",
                "scrape_configs:",
                "  - job_name: pgjmx",
                "    metrics_path: /metrics",
                "    basic_auth:",
                "      username: " + USER,
                "      password: " + PASSWORD,
                "    static_configs:",
                "      - targets: ['" + target.getHost() + ":" + target.getPort() + "']",
                ""));
        prometheus = new ProcessBuilder(binary, "--config.file=" + work.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + work.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(work.resolve("prometheus.log").toFile()).start();
        prometheusUrl = "http://127.0.0.1:" + port;
        Eventually.that(Duration.ofSeconds(30), () -> "1".equals(value("up{job=\"pgjmx\"}")),
                "Prometheus scrapes the agent (its log: " + work.resolve("prometheus.log") + ")");
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void prometheusSeesTheExactFiguresOfAStuckPool() throws Exception {
        int holder = Integer.parseInt(app.send("lock fleet 1"));
        app.send("borrow fleet");
        int waiter = Integer.parseInt(app.send("wait fleet 1"));
        Eventually.that(Duration.ofSeconds(10), () -> Db.waitingOnLock(waiter), "the waiter is blocked by the holder");

        String ds = "datasource=\"fleet\"";
        awaitValue("pgjmx_up{" + ds + "}", "1");
        awaitValue("pgjmx_sessions{" + ds + ",own=\"true\",state=\"idle in transaction\"}", "1");
        awaitValue("pgjmx_sessions{" + ds + ",own=\"true\",state=\"idle\"}", "1");
        awaitValue("pgjmx_sessions{" + ds + ",own=\"true\",state=\"active\"}", "1");
        awaitValue("sum(pgjmx_sessions{" + ds + ",own=\"true\"})", "3");
        awaitValue("pgjmx_sessions_waiting{" + ds + "}", "1");
        awaitValue("pgjmx_sessions_blocking{" + ds + "}", "1");
        awaitValue("pgjmx_pool_connections{" + ds + ",state=\"used\"}", "3");
        awaitValue("pgjmx_pool_connections{" + ds + ",state=\"idle\"}", "0");
        awaitValue("pgjmx_pool_pending_threads{" + ds + "}", "0");
        long oldest = Long.parseLong(value("pgjmx_oldest_transaction_seconds{" + ds + "}"));
        long truth = Db.superuserLong("SELECT floor(EXTRACT(EPOCH FROM now() - xact_start))::bigint "
                + "FROM pg_stat_activity WHERE pid = " + holder);
        assertThat(oldest).as("oldest transaction against pg_stat_activity's own age").isBetween(truth - 2, truth + 1);
        assertThat(value("count(pgjmx_agent_info{version=~\".+\"})")).isEqualTo("1");
        assertThat(metadataType("pgjmx_sessions")).isEqualTo("gauge");
        assertThat(metadataType("pgjmx_terminations")).as("OpenMetrics names the counter family without _total")
                .isEqualTo("counter");

        Mbeans mbean = new Mbeans(app.jmx(), app.awaitDataSource("fleet"));
        assertThat(mbean.terminateSessions("pid=" + holder)).containsExactly(holder);
        awaitValue("pgjmx_terminations_total{" + ds + ",result=\"ok\"}", "1");
        awaitValue("pgjmx_sessions{" + ds + ",own=\"true\",state=\"idle in transaction\"}", "0");
        awaitValue("pgjmx_sessions_waiting{" + ds + "}", "0");
        try {
            mbean.cancelSession(holder);
            fail("cancelling a terminated backend must be refused");
        } catch (Exception expected) {
            // no such session
        }
        awaitValue("pgjmx_cancels_total{" + ds + ",result=\"refused\"}", "1");
    }

    @Test
    void pageIsTypedInBothFormatsAndNeedsTheCredentials() throws Exception {
        HttpResponse<String> anonymous = get(metricsUrl, null, false);
        assertThat(anonymous.statusCode()).as("same authentication as the reads").isEqualTo(401);

        HttpResponse<String> text = get(metricsUrl, null, true);
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(text.body()).contains("# TYPE pgjmx_sessions gauge\n", "# TYPE pgjmx_cancels_total counter\n",
                "pgjmx_up{datasource=\"fleet\"} 1\n").doesNotContain(" -1\n").doesNotContain("# EOF");

        HttpResponse<String> open = get(metricsUrl, "application/openmetrics-text; version=1.0.0", true);
        assertThat(open.headers().firstValue("Content-Type")).hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(open.body()).contains("# TYPE pgjmx_cancels counter\n", "# TYPE pgjmx_agent info\n").endsWith("# EOF\n");
        assertThat(open.body().lines().filter(l -> !l.startsWith("#"))).allSatisfy(l -> assertThat(l).startsWith("pgjmx_"));
    }

    @Test
    void theEmbeddedJolokiaRegistersNoMBeanOfItsOwn() throws Exception {
        // jmx_exporter and JConsole would show them as jolokia_Config_* beside the application's own
        assertThat(app.jmx().queryNames(new javax.management.ObjectName("jolokia:*"), null)).isEmpty();
        assertThat(app.jmx().queryNames(null, null)).allSatisfy(n -> assertThat(n.getDomain())
                .isIn("pgjmx", "java.lang", "java.nio", "java.util.logging", "jdk.management.jfr",
                        "com.sun.management", "JMImplementation", "com.zaxxer.hikari"));
    }

    private static HttpResponse<String> get(String url, String accept, boolean auth) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (accept != null) {
            r.header("Accept", accept);
        }
        if (auth) {
            r.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return CLIENT.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitValue(String promql, String expected) throws Exception {
        String[] last = new String[1];
        try {
            Eventually.that(Duration.ofSeconds(15), () -> expected.equals(last[0] = value(promql)), promql + " = " + expected);
        } catch (AssertionError e) {
            throw new AssertionError(promql + " is " + last[0] + ", expected " + expected, e);
        }
    }

    /** The value of a query's single sample, or null when it has none. */
    @SuppressWarnings("unchecked")
    private static String value(String promql) throws Exception {
        Map<String, Object> answer = api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        List<Map<String, Object>> result = (List<Map<String, Object>>) ((Map<String, Object>) answer.get("data")).get("result");
        if (result.isEmpty()) {
            return null;
        }
        assertThat(result).as("samples of " + promql).hasSize(1);
        return (String) ((List<Object>) result.get(0).get("value")).get(1);
    }

    @SuppressWarnings("unchecked")
    private static String metadataType(String family) throws Exception {
        Map<String, Object> data = (Map<String, Object>) api("/api/v1/metadata?metric=" + family).get("data");
        List<Map<String, Object>> entries = (List<Map<String, Object>>) data.get(family);
        return entries == null ? null : (String) entries.get(0).get("type");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> api(String path) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(prometheusUrl + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("Prometheus answered " + r.statusCode() + ": " + r.body());
        }
        return new JSONParser().parse(r.body(), Map.class);
    }

    /** Debian's prometheus; the project's .ci/run installs it. Without it: skipped locally, failed in CI. */
    private static String findPrometheus() {
        Path found = null;
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (found == null && Files.isExecutable(Path.of(dir, "prometheus"))) {
                found = Path.of(dir, "prometheus");
            }
        }
        Prerequisite.require(found != null, "the prometheus binary on PATH (Debian's prometheus package; .ci/run "
                + "installs it)");
        return found.toString();
    }
}
