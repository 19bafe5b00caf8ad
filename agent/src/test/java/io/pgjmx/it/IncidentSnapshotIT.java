package io.pgjmx.it;

import io.pgjmx.testing.Eventually;
import io.pgjmx.testing.Db;
import io.pgjmx.testing.AgentJvm;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.jolokia.json.parser.JSONParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The automatic incident snapshot, with the real agent in the application's JVM: a pool of 2, one thread
 * holding a row lock idle in transaction (the culprit), one blocked behind it (the victim), a third thread
 * waiting for a connection that gives up. The file appears in snapshotDir, once per interval, owner-only, and
 * names the culprit's backend pid, its thread and the line of code that holds it.
 */
class IncidentSnapshotIT {

    private static final String ROLE = "incident_snap";
    private static final int WAIT_MILLIS = 3000;
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final String CULPRIT_FRAME = "io.pgjmx.testapp.HeldTransactions.holdsTransactionOpenForPgjmxTest";
    private static Path tmp;

    @BeforeAll
    static void prepare() throws Exception {
        Db.createLockTable();
        Db.pg().createRole(ROLE, Db.APP_PASSWORD);
        tmp = Files.createTempDirectory("pgjmx-incident-it");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "hikari, java.sql.SQLTransientConnectionException, com.zaxxer.hikari.pool.HikariPool.getConnection",
        "dbcp2, java.sql.SQLException, org.apache.commons.pool2.impl.GenericObjectPool.borrowObject",
        "tomcat-dbcp, java.sql.SQLException, org.apache.tomcat.dbcp.pool2.impl.GenericObjectPool.borrowObject",
        "tomcat-jdbc, org.apache.tomcat.jdbc.pool.PoolExhaustedException, "
                + "org.apache.tomcat.jdbc.pool.ConnectionPool.borrowConnection"})
    void anExhaustedPoolWritesOneSnapshotThatNamesTheCulprit(String family, String exception, String borrowFrame)
            throws Exception {
        Path dir = tmp.resolve(family);
        try (AgentJvm app = AgentJvm.start("jolokia=false,snapshotDir=" + dir + ",snapshotInterval=1h")) {
            app.send("pool-wait " + family + " snap-" + family + " 2 " + WAIT_MILLIS + " " + Db.url() + " " + ROLE + " "
                    + Db.APP_PASSWORD);
            int culprit = Integer.parseInt(app.send("culprit snap-" + family + " 1"));
            String culpritThread = "holder-snap-" + family;
            String name = awaitOneDataSource(app);
            int victim = Integer.parseInt(app.send("wait snap-" + family + " 1"));
            Eventually.that(LIMIT, () -> Db.waitingOnLock(victim), "the victim blocked on the culprit's row");

            // a first thread gives up waiting for a connection and so triggers the snapshot; the main thread,
            // asking later, still waits when it is taken
            app.send("await snap-" + family + " early-waiter");
            Eventually.that(LIMIT, () -> parked(app, "early-waiter"), "early-waiter waiting for a connection");
            Thread.sleep(WAIT_MILLIS / 2); // sequencing only: main must still wait when early-waiter gives up
            assertThat(app.ask("query snap-" + family)).as("the pool is exhausted").startsWith("ERR");

            Eventually.that(LIMIT, () -> app.stderr().contains("incident snapshot written to "),
                    "the WARN line naming the file\n" + app.stderr());
            List<Path> files = files(dir);
            assertThat(files).hasSize(1);
            Path file = files.get(0);
            assertThat(app.stderr()).contains("WARN").contains("DataSource " + name + ": the pool could not hand out a "
                    + "connection in time (" + exception.substring(exception.lastIndexOf('.') + 1)
                    + "); incident snapshot written to " + file);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

            Map<?, ?> snapshot = new JSONParser().parse(Files.readString(file), Map.class);
            assertThat(snapshot.get("jvmPid")).isEqualTo(app.pid());
            assertThat(snapshot.get("serverVersion")).isEqualTo(serverVersion());
            Map<?, ?> trigger = (Map<?, ?>) snapshot.get("trigger");
            assertThat(trigger.get("kind")).isEqualTo("pool exhausted");
            assertThat(trigger.get("thread")).isEqualTo("early-waiter");
            assertThat(trigger.get("exception")).isEqualTo(exception);
            Map<?, ?> ds = (Map<?, ?>) snapshot.get("dataSource");
            assertThat(ds.get("name")).isEqualTo(name);
            assertThat((Map<String, Object>) ds.get("pool")).containsEntry("active", 2L).containsEntry("idle", 0L)
                    .containsEntry("total", 2L).containsEntry("threadsWaiting", 1L);

            List<Map<?, ?>> own = sessions(snapshot).stream().filter(s -> Boolean.TRUE.equals(s.get("own")))
                    .collect(Collectors.toList());
            assertThat(own.stream().map(s -> ((Number) s.get("pid")).intValue())).containsExactlyInAnyOrder(culprit,
                    victim);
            Map<?, ?> culpritRow = row(own, culprit);
            assertThat(culpritRow.get("state")).isEqualTo("idle in transaction");
            assertThat(culpritRow.get("holderThread")).isEqualTo(culpritThread);
            assertThat((List<?>) culpritRow.get("currentStack")).anyMatch(f -> ((String) f).startsWith(CULPRIT_FRAME));
            Map<?, ?> victimRow = row(own, victim);
            assertThat(victimRow.get("blockedBy")).isEqualTo(List.of((long) culprit));
            // TestApp's wait borrows on main and runs the update on a thread of its own: main is the borrower
            assertThat(victimRow.get("holderThread")).isEqualTo("main");

            List<?> roots = (List<?>) snapshot.get("lockRoots");
            assertThat(roots).hasSize(1);
            Map<?, ?> root = (Map<?, ?>) roots.get(0);
            assertThat(root.get("pid")).isEqualTo((long) culprit);
            assertThat(root.get("blockedPids")).isEqualTo(List.of((long) victim));
            assertThat(root.get("holderThread")).isEqualTo(culpritThread);

            List<?> waiting = (List<?>) snapshot.get("waitingThreads");
            assertThat(waiting.stream().map(w -> (String) ((Map<?, ?>) w).get("name"))).containsExactly("main");
            assertThat((List<?>) ((Map<?, ?>) waiting.get(0)).get("stack"))
                    .anyMatch(f -> ((String) f).startsWith(borrowFrame + "("));
            assertThat(snapshot.get("threadsWaitingForConnection")).isEqualTo(1L);

            // exhausted again within the interval: no second file
            assertThat(app.ask("query snap-" + family)).startsWith("ERR");
            Eventually.that(LIMIT, () -> app.stderr().contains("DataSource " + name + ": the pool could not hand out a "
                    + "connection in time again; no new incident snapshot within snapshotInterval=3600s"),
                    "the skip noted\n" + app.stderr());
            assertThat(files(dir)).containsExactly(file);

            // asked for: the same document, marked as requested, through JMX
            ObjectName on = new ObjectName("pgjmx:type=DataSource,name=" + name);
            Map<?, ?> requested = new JSONParser().parse((String) app.jmx().invoke(on, "incidentSnapshot",
                    new Object[0], new String[0]), Map.class);
            assertThat(((Map<?, ?>) requested.get("trigger")).get("kind")).isEqualTo("requested");
            assertThat(row(sessions(requested), culprit).get("holderThread")).isEqualTo(culpritThread);
            app.send("release snap-" + family);
        }
    }

    @Test
    void intervalZeroWritesNone() throws Exception {
        Path dir = tmp.resolve("off");
        try (AgentJvm app = AgentJvm.start("jolokia=false,snapshotDir=" + dir + ",snapshotInterval=0")) {
            app.send("pool-wait hikari snap-off 1 500 " + Db.url() + " " + ROLE + " " + Db.APP_PASSWORD);
            app.send("culprit snap-off 2");
            String name = awaitOneDataSource(app);
            assertThat(app.ask("query snap-off")).startsWith("ERR").contains("timed out");
            Eventually.that(LIMIT, () -> app.stderr().contains("DataSource " + name + ": the pool could not hand out a "
                    + "connection in time; automatic incident snapshots are off (snapshotInterval=0)"),
                    "the agent saw the exhaustion\n" + app.stderr());
            assertThat(dir).doesNotExist();
            assertThat(app.stderr()).doesNotContain("incident snapshot written");
            app.send("release snap-off");
        }
    }

    private static String awaitOneDataSource(AgentJvm app) throws Exception {
        ObjectName agent = new ObjectName("pgjmx:type=Agent");
        Eventually.that(LIMIT, () -> app.jmx().isRegistered(agent)
                && ((String[]) app.jmx().getAttribute(agent, "DataSourceNames")).length == 1,
                "one DataSource found\n" + app.stderr());
        return ((String[]) app.jmx().getAttribute(agent, "DataSourceNames"))[0];
    }

    /** Whether the application's thread of that name is parked (waiting for a connection). */
    private static boolean parked(AgentJvm app, String thread) throws Exception {
        ObjectName threading = new ObjectName(ManagementFactory.THREAD_MXBEAN_NAME);
        long[] ids = (long[]) app.jmx().getAttribute(threading, "AllThreadIds");
        CompositeData[] infos = (CompositeData[]) app.jmx().invoke(threading, "getThreadInfo",
                new Object[] {ids, 0}, new String[] {long[].class.getName(), int.class.getName()});
        for (CompositeData c : infos) {
            if (c != null) {
                ThreadInfo t = ThreadInfo.from(c);
                if (t.getThreadName().equals(thread)) {
                    return t.getThreadState() == Thread.State.TIMED_WAITING;
                }
            }
        }
        return false;
    }

    private static String serverVersion() throws Exception {
        try (java.sql.Connection c = Db.superuser(); java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("show server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> list = Files.list(dir)) {
            return list.sorted().collect(Collectors.toList());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<?, ?>> sessions(Map<?, ?> snapshot) {
        return (List<Map<?, ?>>) snapshot.get("sessions");
    }

    private static Map<?, ?> row(List<Map<?, ?>> sessions, int pid) {
        return sessions.stream().filter(s -> ((Number) s.get("pid")).intValue() == pid).findFirst()
                .orElseThrow(() -> new AssertionError("no session " + pid + " in " + sessions));
    }
}
