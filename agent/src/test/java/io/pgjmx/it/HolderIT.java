package io.pgjmx.it;

import io.pgjmx.testing.Eventually;
import io.pgjmx.testing.Db;
import io.pgjmx.testing.AgentJvm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Who holds the connection, for the pool families that matter most: a thread that keeps a transaction open
 * is the holder of its backend, with its borrow time; explainSession shows the method that holds it; after
 * the return the fields are empty; a culprit with two victims is exactly one lock root. One application JVM
 * (agent with borrowStacks=true) runs a pool of each family; the families run one after another.
 */
class HolderIT {

    private static final String ROLE = "holder_app";
    private static AgentJvm app;

    @BeforeAll
    static void start() throws Exception {
        Db.createLockTable();
        Db.pg().createRole(ROLE, Db.APP_PASSWORD);
        app = AgentJvm.start("jolokia=false,borrowStacks=true");
        String credentials = Db.url() + " " + ROLE + " " + Db.APP_PASSWORD;
        app.send("hikari hk 3 " + credentials);
        app.send("pool dbcp2 d2 3 " + credentials);
        app.send("pool tomcat-jdbc tj 3 " + credentials);
        app.send("pool tomcat-dbcp td 2 " + credentials);
        app.send("pool c3p0 c3 2 " + credentials);
        app.send("pool agroal ag 2 " + credentials);
        app.send("pool vibur vb 2 " + credentials);
        // DBCP2 starts on first use, and NAMEs without a pool name of its own are numbered in the order of
        // discovery: use them in a fixed order, so d2 is BasicDataSource-1 whichever test runs first
        for (String pool : List.of("hk", "d2", "tj", "td", "c3", "ag", "vb")) {
            app.send("query " + pool);
            app.awaitDataSource(Map.of("d2", "BasicDataSource-1", "td", "BasicDataSource-2",
                    "ag", "AgroalDataSource-1").getOrDefault(pool, pool));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"hk, hk", "d2, BasicDataSource-1", "tj, tj"})
    void holderOfAnOpenTransactionIsKnownAndItsLockTreeHasOneRoot(String pool, String mbean) throws Exception {
        // one row per victim, so that both are blocked by the culprit directly (pg_blocking_pids of a queue on
        // one row names the waiter ahead, not the holder)
        long beforeBorrow = System.nanoTime();
        int culprit = Integer.parseInt(app.send("culprit " + pool + " 2"));
        long afterBorrow = System.nanoTime();
        int victim1 = Integer.parseInt(app.send("wait " + pool + " 1"));
        int victim2 = Integer.parseInt(app.send("wait " + pool + " 2"));
        Eventually.that(Duration.ofSeconds(10), () -> Db.waitingOnLock(victim1) && Db.waitingOnLock(victim2),
                "both victims wait on the culprit's row locks");
        MBeanServerConnection jmx = app.jmx();
        ObjectName name = app.awaitDataSource(mbean);
        Mbeans ds = new Mbeans(jmx, name);
        try {
            // holder and held time: within what this test measured around the borrow
            long first = heldSeconds(ds, culprit, "holder-" + pool, beforeBorrow, afterBorrow);
            Eventually.that(Duration.ofSeconds(10), () -> held(ds, culprit) > first, "heldSeconds grows");
            heldSeconds(ds, culprit, "holder-" + pool, beforeBorrow, afterBorrow);
            // the victims were borrowed on the app's command thread, which hands them to waiter threads
            assertThat(row(ds.listSessions("own=true"), victim1).get("holderThread")).isEqualTo("main");

            String explained = (String) jmx.invoke(name, "explainSession", new Object[] {culprit}, new String[] {"int"});
            assertThat(explained).contains("Session " + culprit + " of DataSource " + mbean)
                    .contains("Holder: thread \"holder-" + pool + "\"").contains("WAITING")
                    .contains("io.pgjmx.testapp.HeldTransactions.holdsTransactionOpenForPgjmxTest(")
                    .contains("borrowed at:").contains("io.pgjmx.testapp.HeldTransactions.borrowForPgjmxTest(")
                    .contains("Blocks:     pid " + Math.min(victim1, victim2) + " (holder \"main\"), pid "
                            + Math.max(victim1, victim2) + " (holder \"main\")")
                    .contains("Blocked by: nobody");

            CompositeData detail = (CompositeData) jmx.invoke(name, "sessionDetail", new Object[] {culprit},
                    new String[] {"int"});
            assertThat(detail.get("holderThread")).isEqualTo("holder-" + pool);
            assertThat(detail.get("holderThreadState")).isEqualTo("WAITING");
            assertThat(((CompositeData) detail.get("session")).get("pid")).isEqualTo(culprit);
            assertThat(((CompositeData) detail.get("session")).get("state")).isEqualTo("idle in transaction");
            assertThat(Arrays.stream((String[]) detail.get("currentStack")).filter(f -> f.startsWith(
                    "io.pgjmx.testapp.HeldTransactions.holdsTransactionOpenForPgjmxTest("))).hasSize(1);
            assertThat(Arrays.stream((String[]) detail.get("borrowStack")).filter(f -> f.startsWith(
                    "io.pgjmx.testapp.HeldTransactions.borrowForPgjmxTest("))).hasSize(1);
            assertThat(Mbeans.sorted((int[]) detail.get("blocking"))).containsExactly(Math.min(victim1, victim2),
                    Math.max(victim1, victim2));
            assertThat((int[]) detail.get("blockedBy")).isEmpty();
            CompositeData victimDetail = (CompositeData) jmx.invoke(name, "sessionDetail", new Object[] {victim1},
                    new String[] {"int"});
            assertThat((int[]) victimDetail.get("blockedBy")).containsExactly(culprit);
            assertThat((int[]) victimDetail.get("blocking")).isEmpty();

            CompositeData[] roots = (CompositeData[]) jmx.invoke(name, "lockRoots", new Object[0], new String[0]);
            assertThat(roots).hasSize(1);
            assertThat(roots[0].get("pid")).isEqualTo(culprit);
            assertThat(Mbeans.sorted((int[]) roots[0].get("blockedPids"))).containsExactly(Math.min(victim1, victim2),
                    Math.max(victim1, victim2));
            assertThat(roots[0].get("own")).isEqualTo(true);
            assertThat(roots[0].get("holderThread")).isEqualTo("holder-" + pool);
            assertThat(roots[0].get("state")).isEqualTo("idle in transaction");
            assertThat((Long) roots[0].get("xactSeconds")).isEqualTo(Db.superuserLong(
                    "select floor(extract(epoch from (statement_timestamp() - xact_start)))::bigint "
                            + "from pg_stat_activity where pid = " + culprit))
                    .as("the transaction's age as PostgreSQL tells it (same second)");
            String tree = (String) jmx.invoke(name, "lockTree", new Object[0], new String[0]);
            assertThat(tree.lines()).hasSize(3);
            assertThat(tree.lines().findFirst().orElseThrow()).startsWith("pid " + culprit + " idle in transaction")
                    .contains("own").contains("holder \"holder-" + pool + "\"");
            assertThat(tree).contains("  └ pid " + Math.min(victim1, victim2) + " active")
                    .contains("  └ pid " + Math.max(victim1, victim2) + " active");

            assertThatThrownBy(() -> jmx.invoke(name, "explainSession", new Object[] {999_999_999},
                    new String[] {"int"})).satisfies(e -> assertThat(Mbeans.messageOf(e))
                            .contains("no client session with pid 999999999 on this server"));
        } finally {
            assertThat(app.send("release " + pool)).isEqualTo(String.valueOf(culprit));
        }
        Eventually.that(Duration.ofSeconds(10), () -> !Db.waitingOnLock(victim1) && !Db.waitingOnLock(victim2),
                "the victims got their rows");
        // back in the pool: the backend lives on, held by nobody
        CompositeData after = row(ds.listSessions("own=true"), culprit);
        assertThat(after.get("holderThread")).isNull();
        assertThat(after.get("holderThreadId")).isEqualTo(-1L);
        assertThat(after.get("heldSeconds")).isEqualTo(-1L);
        assertThat((CompositeData[]) jmx.invoke(name, "lockRoots", new Object[0], new String[0])).isEmpty();
        String explained = (String) jmx.invoke(name, "explainSession", new Object[] {culprit}, new String[] {"int"});
        assertThat(explained).contains("Holder: none in this JVM (the connection sits idle in the pool)");
    }

    @Test
    void theOtherFamiliesAndPlainJdbcKnowTheirHolderToo() throws Exception {
        MBeanServerConnection jmx = app.jmx();
        Map<String, String> mbeans = new LinkedHashMap<>();
        mbeans.put("td", "BasicDataSource-2");
        mbeans.put("c3", "c3");
        mbeans.put("ag", "AgroalDataSource-1");
        mbeans.put("vb", "vb");
        Map<String, Integer> held = new LinkedHashMap<>();
        for (String pool : mbeans.keySet()) {
            held.put(pool, Integer.parseInt(app.send("hold " + pool))); // borrowed by the app's command thread
        }
        int direct = Integer.parseInt(app.send("dm " + Db.url() + " " + ROLE + " " + Db.APP_PASSWORD));
        mbeans.put("dm", "DriverManager-1");
        held.put("dm", direct);
        try {
            for (Map.Entry<String, String> e : mbeans.entrySet()) {
                Mbeans ds = new Mbeans(jmx, app.awaitDataSource(e.getValue()));
                CompositeData row = row(ds.listSessions("own=true"), held.get(e.getKey()));
                assertThat(row.get("holderThread")).as(e.getValue()).isEqualTo("main");
                assertThat((Long) row.get("heldSeconds")).as(e.getValue()).isNotNegative();
            }
        } finally {
            assertThat(app.send("release-held")).isEqualTo("5");
        }
        for (String pool : List.of("td", "c3", "ag", "vb")) {
            Mbeans ds = new Mbeans(jmx, app.awaitDataSource(mbeans.get(pool)));
            CompositeData row = row(ds.listSessions("own=true"), held.get(pool));
            assertThat(row.get("holderThread")).as(mbeans.get(pool) + " after the return").isNull();
            assertThat(row.get("heldSeconds")).as(mbeans.get(pool)).isEqualTo(-1L);
        }
        Eventually.that(Duration.ofSeconds(10), () -> !Db.alive(direct), "the closed plain connection's backend ends");
    }

    /**
     * Checks holder and held seconds against the test's own clock; returns the held seconds. A borrow records
     * the agent's clock thread's last tick (every 0.1 s; later on a loaded machine), so the held time may read
     * up to that much long: one second of slack above, none below.
     */
    private static long heldSeconds(Mbeans ds, int pid, String thread, long beforeBorrow, long afterBorrow)
            throws Exception {
        long beforeRead = System.nanoTime();
        CompositeData row = row(ds.listSessions("own=true"), pid);
        long afterRead = System.nanoTime();
        assertThat(row.get("holderThread")).isEqualTo(thread);
        assertThat((Long) row.get("holderThreadId")).isPositive();
        long held = (Long) row.get("heldSeconds");
        assertThat(held).isBetween(TimeUnit.NANOSECONDS.toSeconds(beforeRead - afterBorrow),
                TimeUnit.NANOSECONDS.toSeconds(afterRead - beforeBorrow) + 1);
        return held;
    }

    private static long held(Mbeans ds, int pid) throws Exception {
        return (Long) row(ds.listSessions("own=true"), pid).get("heldSeconds");
    }

    private static CompositeData row(CompositeData[] rows, int pid) {
        return Arrays.stream(rows).filter(c -> (Integer) c.get("pid") == pid).findFirst()
                .orElseThrow(() -> new AssertionError("no row for pid " + pid));
    }
}
