package io.pgjmx.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgjmx.testing.AgentJvm;
import io.pgjmx.testing.Db;
import io.pgjmx.testing.Eventually;
import io.pgjmx.testing.Prerequisite;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Jolokia endpoint as monitoring tools and curl use it: real HTTP against a JVM with the agent, which has
 * credentials so that its actions work (without them the endpoint is read-only, see HttpSecurityIT).
 */
class HttpIT {

    static final String DS = "pgjmx:type=DataSource,name=web";
    static final String USER = "ops";
    static final String PASSWORD = "http-it-pw";
    private static AgentJvm app;
    private static Http http;
    private static String url;

    @BeforeAll
    static void start() throws Exception {
        Db.pg().createRole("http_app", Db.APP_PASSWORD, "pg_signal_backend", "pg_read_all_stats");
        Db.pg().createRole("http_victim", "victim-pw");
        app = AgentJvm.start("port=0,user=" + USER + ",password=" + PASSWORD);
        app.send("hikari web 2 " + Db.url() + " http_app " + Db.APP_PASSWORD);
        app.awaitDataSource("web");
        url = jolokiaUrl(app);
        http = new Http(url, USER, PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    static String jolokiaUrl(AgentJvm app) throws Exception {
        ObjectName agent = new ObjectName("pgjmx:type=Agent");
        Eventually.that(Duration.ofSeconds(15), () -> app.jmx().isRegistered(agent), "Agent MBean");
        return (String) app.jmx().getAttribute(agent, "JolokiaUrl");
    }

    @Test
    void urlIsOnLoopbackAndShownOnTheAgentMBean() throws Exception {
        assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/jolokia/");
        assertThat(app.stderr()).contains("Jolokia HTTP endpoint at " + url);
        int port = URI.create(url).getPort();
        List<InetAddress> elsewhere = nonLoopbackAddresses();
        Prerequisite.require(!elsewhere.isEmpty(), "a non-loopback IPv4 address, to show the endpoint is not there");
        for (InetAddress address : elsewhere) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address, port), 2000);
                throw new AssertionError("the endpoint answers on " + address + ", not only on loopback");
            } catch (ConnectException expected) {
                // refused: not listening there
            }
        }
        assertThat(http.get().status()).isEqualTo(200);
        assertThat(new Http(url.substring(0, url.length() - 1), USER, PASSWORD).get("version").status())
                .as("without the slash").isEqualTo(200);
    }

    @Test
    void listAndFilterMatchPgStatActivity() throws Exception {
        try (Connection victim = Db.connect("http_victim", "victim-pw")) {
            int pid = Db.pid(victim);
            Http.Response all = http.post(Http.exec(DS, "listSessions", ""));
            assertThat(all.status()).isEqualTo(200);
            Set<Integer> listed = Http.rows(all).stream().map(r -> ((Number) r.get("pid")).intValue()).collect(Collectors.toSet());
            List<Integer> monitor = Db.monitorBackendsOf(app.pid());
            assertThat(monitor).as("the application's one monitoring connection").hasSize(1);
            assertThat(listed).contains(pid).isSubsetOf(Db.pidsWhere("backend_type = 'client backend'"))
                    .doesNotContainAnyElementsOf(monitor);

            Http.Response filtered = http.get("exec", DS, "listSessions", "user=http_victim");
            List<Map<String, Object>> rows = Http.rows(filtered);
            assertThat(rows).hasSize(1);
            Map<String, Object> row = rows.get(0);
            assertThat(((Number) row.get("pid")).intValue()).isEqualTo(pid);
            assertThat(row).containsKeys("pid", "leaderPid", "database", "user", "applicationName", "clientAddress",
                    "clientPort", "backendType", "state", "waitEventType", "waitEvent", "query", "backendStart",
                    "transactionStart", "queryStart", "stateChange", "transactionSeconds", "querySeconds",
                    "stateSeconds", "blockedBy", "own");
            assertThat(row.get("user")).isEqualTo("http_victim");
            assertThat(row.get("state")).isEqualTo("idle");
            assertThat(row.get("own")).isEqualTo(false);
            assertThat(row.get("clientAddress")).isEqualTo("127.0.0.1");
            assertThat((String) row.get("backendStart")).as("dates are ISO-8601 text")
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d)");
            assertThat(row.get("blockedBy")).isEqualTo(List.of());

            Http.Response table = http.get("exec", DS, "showSessions", "user=http_victim");
            assertThat((String) table.value()).contains("PID").contains(String.valueOf(pid)).contains("http_victim");
        }
    }

    @Test
    void cancelAndTerminateByJsonPost() throws Exception {
        try (Connection victim = Db.connect("http_victim", "victim-pw")) {
            int pid = Db.pid(victim);
            CompletableFuture<String> sleeping = CompletableFuture.supplyAsync(() -> {
                try (Statement s = victim.createStatement()) {
                    s.execute("select pg_sleep(60)");
                    return "finished";
                } catch (SQLException e) {
                    return e.getMessage();
                }
            });
            Eventually.that(Duration.ofSeconds(10), () -> !Db.pidsWhere("pid = " + pid + " and state = 'active'").isEmpty(),
                    "victim running pg_sleep");
            Http.Response byGet = http.get("exec", DS, "cancelSession", String.valueOf(pid));
            assertThat(byGet.status()).isEqualTo(403);
            assertThat(byGet.error()).contains("only by POST with Content-Type: application/json");
            Http.Response cancel = http.post(Http.exec(DS, "cancelSession", pid));
            assertThat(cancel.status()).isEqualTo(200);
            assertThat(cancel.value()).isEqualTo(true);
            assertThat(sleeping.get()).contains("canceling statement due to user request");
            assertThat(Db.alive(pid)).isTrue();

            Http.Response terminated = http.post(Http.exec(DS, "terminateSessions", "user=http_victim"));
            assertThat(terminated.status()).isEqualTo(200);
            assertThat(((List<?>) terminated.value()).stream().map(v -> ((Number) v).intValue())).containsExactly(pid);
            assertThat(Db.alive(pid)).isFalse();
        }
        try (Connection second = Db.connect("http_victim", "victim-pw")) {
            int pid = Db.pid(second);
            Http.Response one = http.post(Http.exec(DS, "terminateSession", pid));
            assertThat(one.value()).isEqualTo(true);
            assertThat(Db.alive(pid)).isFalse();
        }
        assertThat(app.stderr()).contains("AUDIT caller=\"http(user=ops, from=127.0.0.1)\" datasource=web action=cancel")
                .contains("AUDIT caller=\"http(user=ops, from=127.0.0.1)\" datasource=web action=terminate");
    }

    @Test
    void controlCharactersInAQueryLeaveValidJson() throws Exception {
        String sql = "select 1 /* \u001b[2J\u001b]0;title\u0007 \u000b\u000e\u001f\u0001 end */";
        try (Connection victim = Db.connect("http_victim", "victim-pw"); Statement st = victim.createStatement()) {
            int pid = Db.pid(victim);
            st.execute(sql);
            Http.Response listed = http.post(Http.exec(DS, "listSessions", "pid=" + pid));
            String body = listed.raw().body();
            assertThat(body).doesNotContainPattern("(?<!\\\\)\\\\u00[0-9][:;<=>?]").contains("\\u001b[2J");
            List<Map<String, Object>> rows = Http.rows(listed);
            assertThat(rows).hasSize(1);
            javax.management.openmbean.CompositeData[] overJmx = (javax.management.openmbean.CompositeData[]) app.jmx()
                    .invoke(new ObjectName(DS), "listSessions", new Object[] {"pid=" + pid}, new String[] {"java.lang.String"});
            assertThat(rows.get(0).get("query")).as("the same text as over JMX").isEqualTo(overJmx[0].get("query"));
            String table = (String) app.jmx().invoke(new ObjectName(DS), "showSessions", new Object[] {"pid=" + pid},
                    new String[] {"java.lang.String"});
            assertThat(table).as("showSessions shows control characters, never sends them")
                    .contains("select 1 /* \\x1b[2J\\x1b]0;title\\x07 \\x0e\\x1f\\x01 end */");
            assertThat(table.chars().filter(c -> c < 0x20 && c != '\n').count()).isZero();
            assertThat(http.post(Http.exec(DS, "showSessions", "pid=" + pid)).value()).isEqualTo(table);
        }
    }

    @Test
    void badRequestsGetClearErrors() throws Exception {
        Http.Response bad = http.post(Http.exec(DS, "terminateSessions", "colour=blue"));
        assertThat(bad.status()).isNotEqualTo(200);
        assertThat(bad.error()).contains("unknown filter key 'colour'").contains("valid keys");
        Http.Response empty = http.post(Http.exec(DS, "terminateSessions", ""));
        assertThat(empty.error()).contains("empty filter is refused");
    }

    @Test
    void onlyPgjmxMBeansAndJavaLangReadsAreReachable() throws Exception {
        Http.Response diagnostic = http.get("exec", "com.sun.management:type=DiagnosticCommand", "vmSystemProperties");
        assertThat(diagnostic.status()).isEqualTo(403);
        assertThat(http.get("read", "com.sun.management:type=HotSpotDiagnostic", "DiagnosticOptions").status()).isEqualTo(403);
        assertThat(http.get("exec", "java.lang:type=Memory", "gc").status()).isEqualTo(403);
        assertThat(http.post("{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\",\"value\":true}")
                .status()).isEqualTo(403);
        assertThat(http.post("{\"type\":\"exec\",\"mbean\":\"JMImplementation:type=MBeanServerDelegate\",\"operation\":\"x\"}")
                .status()).isEqualTo(403);
        Http.Response memory = http.get("read", "java.lang:type=Memory", "HeapMemoryUsage");
        assertThat(memory.status()).isEqualTo(200);

        @SuppressWarnings("unchecked")
        Map<String, Object> list = (Map<String, Object>) http.get("list").value();
        assertThat(list.keySet()).containsExactlyInAnyOrder("pgjmx", "java.lang");
        @SuppressWarnings("unchecked")
        List<String> found = (List<String>) http.get("search", "*:*").value();
        assertThat(found).allMatch(n -> n.startsWith("pgjmx:") || n.startsWith("java.lang:"));
    }

    @Test
    void proxyRequestsAreRefused() throws Exception {
        Http.Response proxied = http.post("{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"Uptime\","
                + "\"target\":{\"url\":\"service:jmx:rmi:///jndi/rmi://127.0.0.1:9999/jmxrmi\"}}");
        assertThat(proxied.status()).isEqualTo(403);
        assertThat(proxied.error()).contains("proxy requests");
        assertThat(proxied.json()).doesNotContainKey("value");
    }

    @Test
    void foreignOriginIsNotEchoed() throws Exception {
        Http.Response r = http.send(HttpRequest.newBuilder(URI.create(url + "version")).header("Origin", "http://evil.example"));
        assertThat(r.raw().headers().allValues("Access-Control-Allow-Origin")).doesNotContain("http://evil.example", "*");
        assertThat(r.status()).isEqualTo(403);
        Http.Response preflight = http.send(HttpRequest.newBuilder(URI.create(url + "version"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "POST"));
        assertThat(preflight.raw().headers().allValues("Access-Control-Allow-Origin")).doesNotContain("http://evil.example", "*");
    }

    private static List<InetAddress> nonLoopbackAddresses() throws Exception {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .collect(Collectors.toList());
    }
}
