package io.pgjmx.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgjmx.pg.EmbeddedPostgres;
import io.pgjmx.testing.AgentJvm;
import io.pgjmx.testing.Db;
import io.pgjmx.testing.Eventually;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * The hour the agent exists for is often one where PostgreSQL itself is in trouble: the agent must stay
 * readable, answer within its query timeout and come back by itself. Each test runs an application JVM with
 * the real agent against a server the test can stop, restart or freeze.
 */
class ReliabilityIT {

    private static final String[] COUNTS = {"SessionCount", "ActiveSessionCount", "IdleSessionCount",
        "IdleInTransactionSessionCount", "WaitingSessionCount", "OwnSessionCount"};

    /**
     * The server is down when the application starts, comes up, goes away (restart) and comes back: while it
     * is away the MBean reads as a state (Reachable=false, LastError, counts -1, static attributes as usual),
     * operations fail at once with the reason, and it recovers without anyone touching the agent.
     */
    @Test
    void serverDownAtStartThenUpThenRestarted() throws Exception {
        Path base = Files.createTempDirectory("pgjmx-reliability");
        int port = freePort();
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (AgentJvm app = AgentJvm.start("port=0,user=ops,password=ops-pw,queryTimeout=2s")) {
            app.send("hikari-lazy flaky 2 " + url + " postgres");
            EmbeddedPostgres pg = EmbeddedPostgres.start(base, port);
            ObjectName name;
            try {
                name = app.awaitDataSource("flaky");
                Mbeans ds = new Mbeans(app.jmx(), name);
                Eventually.that(Duration.ofSeconds(20), () -> (int) ds.attribute("OwnSessionCount") == 2,
                        "the pool's two connections, once the server is up");
                assertThat(ds.attribute("Reachable")).isEqualTo(true);
                assertThat(ds.attribute("LastError")).isNull();
            } finally {
                pg.close();
            }

            Mbeans ds = new Mbeans(app.jmx(), name);
            Eventually.that(Duration.ofSeconds(10), () -> Boolean.FALSE.equals(ds.attribute("Reachable")),
                    "Reachable turns false once the server is gone");
            AttributeList all = app.jmx().getAttributes(name, attributeNames(app, name));
            assertThat(all.asList()).as("reading all attributes succeeds while the server is down")
                    .hasSize(attributeNames(app, name).length);
            assertThat(valueOf(all, "Name")).isEqualTo("flaky");
            assertThat(valueOf(all, "JdbcUrl")).isEqualTo(url);
            assertThat(valueOf(all, "PoolClass")).isEqualTo("com.zaxxer.hikari.HikariDataSource");
            for (String count : COUNTS) {
                assertThat(valueOf(all, count)).as(count).isEqualTo(-1);
            }
            assertThat(valueOf(all, "OldestTransactionSeconds")).isEqualTo(-1L);
            assertThat((String) valueOf(all, "LastError")).as("LastError says why").isNotBlank()
                    .containsIgnoringCase("connect");

            long t0 = System.nanoTime();
            assertThatThrownBy(() -> ds.listSessions("all")).hasMessageContaining("could not be reached");
            long failMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            System.out.printf("listSessions while the server is down failed after %d ms%n", failMillis);

            String metrics = new Http(HttpIT.jolokiaUrl(app).replaceFirst("/jolokia/$", "/"), "ops", "ops-pw")
                    .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            HttpIT.jolokiaUrl(app).replaceFirst("/jolokia/$", "/metrics"))).GET()).raw().body();
            assertThat(metrics).contains("pgjmx_up{datasource=\"flaky\"} 0\n")
                    .doesNotContain("pgjmx_sessions{datasource=\"flaky\"").doesNotContain(" -1\n");

            EmbeddedPostgres again = EmbeddedPostgres.start(base, port);
            try {
                Eventually.that(Duration.ofSeconds(30), () -> Boolean.TRUE.equals(ds.attribute("Reachable")),
                        "the agent reconnects by itself once the server is back");
                // HikariCP replaces its dead connections when they are next borrowed
                Eventually.that(Duration.ofSeconds(30), () -> app.ask("query flaky").startsWith("OK"),
                        "the application's pool works again");
                Eventually.that(Duration.ofSeconds(30), () -> (int) ds.attribute("OwnSessionCount") == 2,
                        "the pool's connections counted again");
                assertThat(ds.attribute("LastError")).isNull();
                assertThat(ds.pids("own=true")).hasSize(2);
            } finally {
                again.close();
            }
            // paced: the agent logged its reconnect attempts at most about once a second
            long attempts = app.stderr().lines().filter(l -> l.contains("monitoring connection for flaky opened")).count();
            assertThat(attempts).as("one opened connection per server life").isEqualTo(2);
        }
    }

    /**
     * The monitoring connection's backend stops answering (SIGSTOP, as a frozen backend or a network stall
     * looks to the agent): a read ends after queryTimeout with a clear error, a second caller does not queue
     * behind the first, and once the backend is thawed the connection has been replaced.
     */
    @Test
    void frozenMonitorBackendNeverStallsCallers() throws Exception {
        Db.pg().createRole("frozen_app", Db.APP_PASSWORD);
        try (AgentJvm app = AgentJvm.start("jolokia=false,queryTimeout=2s")) {
            app.send("hikari frozen 2 " + Db.url() + " frozen_app " + Db.APP_PASSWORD);
            Mbeans ds = new Mbeans(app.jmx(), app.awaitDataSource("frozen"));
            assertThat((int) ds.attribute("OwnSessionCount")).isEqualTo(2);
            Object idleBefore = ds.attribute("IdleSessionCount");
            int monitor = monitorPid(app, "frozen", 1);
            Db.signalBackend("STOP", monitor);
            try {
                Thread.sleep(1100); // the snapshot is a second old: the next read queries the frozen backend
                long t0 = System.nanoTime();
                CompletableFuture<Object> first = CompletableFuture.supplyAsync(() -> attribute(ds, "SessionCount"));
                Thread.sleep(200);
                long t1 = System.nanoTime();
                Object second = attribute(ds, "IdleSessionCount");
                long secondMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1);
                Object firstValue = first.get(30, TimeUnit.SECONDS);
                long firstMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                // read within the second after the failed attempt: the agent does not ask again before then
                Object lastError = ds.attribute("LastError");
                Object reachable = ds.attribute("Reachable");
                System.out.printf("frozen backend: first read %d ms, second read (during the first) %d ms%n",
                        firstMillis, secondMillis);
                assertThat(firstValue).as("the stuck read gives the unknown count").isEqualTo(-1);
                assertThat(second).as("the second caller got the last snapshot at once, not a wait")
                        .isEqualTo(idleBefore);
                assertThat(secondMillis).as("printed above; far below the 2 s timeout when it does not queue")
                        .isLessThan(1500);
                assertThat((String) lastError).contains("PostgreSQL did not answer within 2 s");
                assertThat(reachable).isEqualTo(false);
            } finally {
                Db.signalBackend("CONT", monitor);
            }
            Eventually.that(Duration.ofSeconds(15), () -> (int) ds.attribute("OwnSessionCount") == 2,
                    "counts come back on a new monitoring connection");
            int replacement = monitorPid(app, "frozen", 2);
            assertThat(replacement).as("the connection was replaced").isNotEqualTo(monitor);
            Eventually.that(Duration.ofSeconds(15), () -> !Db.alive(monitor), "the old backend exits once thawed");
            assertThat(ds.attribute("Reachable")).isEqualTo(true);
        }
    }

    private static Object attribute(Mbeans ds, String name) {
        try {
            return ds.attribute(name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The backend pid of this JVM's n-th monitoring connection for the DataSource, from the agent's log. */
    private static int monitorPid(AgentJvm app, String dataSource, int nth) throws Exception {
        Pattern opened = Pattern.compile("monitoring connection for " + Pattern.quote(dataSource)
                + " opened: .* backend pid (\\d+)");
        int[] pid = new int[1];
        Eventually.that(Duration.ofSeconds(10), () -> {
            List<String> lines = app.stderr().lines().filter(l -> opened.matcher(l).find()).toList();
            if (lines.size() < nth) {
                return false;
            }
            Matcher m = opened.matcher(lines.get(nth - 1));
            m.find();
            pid[0] = Integer.parseInt(m.group(1));
            return true;
        }, "monitoring connection #" + nth + " of " + dataSource + " in the agent's log");
        return pid[0];
    }


    private static String[] attributeNames(AgentJvm app, ObjectName name) throws Exception {
        return java.util.Arrays.stream(app.jmx().getMBeanInfo(name).getAttributes())
                .map(javax.management.MBeanAttributeInfo::getName).toArray(String[]::new);
    }

    private static Object valueOf(AttributeList list, String name) {
        return list.asList().stream().filter(a -> a.getName().equals(name)).map(Attribute::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("attribute " + name + " missing from " + list));
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
