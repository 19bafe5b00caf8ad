package io.pgjmx.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgjmx.testing.AgentJvm;
import io.pgjmx.testing.Db;
import io.pgjmx.testing.Eventually;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;

/**
 * The contract's numbers checked against the truth: ages and age filters on sessions whose ages tell them
 * apart, every count attribute against pg_stat_activity read at the same moment, and the refresh of the
 * snapshot. Each assertion fails for one kind of breakage: a wrong column behind an age, a count of the
 * wrong state, a snapshot that never refreshes.
 */
class ContractPrecisionIT {

    @Test
    void agesAndAgeFiltersTellSessionsApart() throws Exception {
        Db.pg().createRole("ages_app", Db.APP_PASSWORD, "pg_read_all_stats");
        try (AgentJvm app = AgentJvm.start("jolokia=false");
                Connection tx = Db.connect("ages_app", Db.APP_PASSWORD, "ages-tx");
                Connection idle = Db.connect("ages_app", Db.APP_PASSWORD, "ages-idle");
                Connection active = Db.connect("ages_app", Db.APP_PASSWORD, "ages-active")) {
            app.send("hikari ages 1 " + Db.url() + " ages_app " + Db.APP_PASSWORD);
            Mbeans ds = new Mbeans(app.jmx(), app.awaitDataSource("ages"));
            int txPid = Db.pid(tx); // asked first: any later statement would reset the session's state age
            int idlePid = Db.pid(idle);
            tx.setAutoCommit(false);
            tx.createStatement().execute("select 1"); // idle in transaction from here: xact and state age grow
            Thread.sleep(3000);
            idle.createStatement().execute("select 1"); // idle from here
            Thread.sleep(3000);
            CompletableFuture<Void> sleeping = CompletableFuture.runAsync(() -> {
                try (Statement s = active.createStatement()) {
                    s.execute("select pg_sleep(60)");
                } catch (Exception cancelled) {
                    // ended by the test
                }
            });
            int activePid = activeBackend();
            Thread.sleep(2000);

            Map<Integer, long[]> truth = truth(List.of(txPid, idlePid, activePid));
            CompositeData[] rows = ds.listSessions("application=ages-*");
            assertThat(rows).hasSize(3);
            for (CompositeData row : rows) {
                long[] t = truth.get((Integer) row.get("pid"));
                assertThat((Long) row.get("transactionSeconds")).as("transactionSeconds of %s", row.get("applicationName"))
                        .isBetween(t[0] - 1, t[0] + 1);
                assertThat((Long) row.get("querySeconds")).as("querySeconds of %s", row.get("applicationName"))
                        .isBetween(t[1] - 1, t[1] + 1);
                assertThat((Long) row.get("stateSeconds")).as("stateSeconds of %s", row.get("applicationName"))
                        .isBetween(t[2] - 1, t[2] + 1);
            }
            // about 8 s, 5 s and 2 s: each threshold between them selects exactly the right ones
            assertThat(ds.pids("application=ages-* xact_age=6")).containsExactly(txPid);
            assertThat(ds.pids("application=ages-* xact_age=1")).containsExactlyInAnyOrder(txPid, activePid);
            assertThat(ds.pids("application=ages-* state_age=4")).containsExactlyInAnyOrder(txPid, idlePid).doesNotContain(activePid);
            assertThat(ds.pids("application=ages-* state_age=7")).containsExactly(txPid);
            assertThat(ds.pids("application=ages-* query_age=1")).as("query_age: running queries only")
                    .containsExactly(activePid);
            assertThat(ds.pids("application=ages-* query_age=30")).isEmpty();
            assertThat(ds.pids("application=ages-* state=idle_in_transaction")).containsExactly(txPid);
            assertThat(ds.pids("application=ages-* state=idle")).containsExactly(idlePid);
            assertThat(ds.pids("application=ages-* state=active")).containsExactly(activePid);

            assertThat(ds.cancelSessions("application=ages-active")).containsExactly(activePid);
            sleeping.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(Db.alive(activePid)).as("a cancelled session survives").isTrue();
            Eventually.that(Duration.ofSeconds(5), () -> ds.pids("application=ages-active state=idle").equals(List.of(activePid)),
                    "the cancelled session is idle, not gone");
        }
    }

    @Test
    void everyCountIsExactAndRefreshedWithinASecond() throws Exception {
        Db.pg().createRole("counts_app", Db.APP_PASSWORD, "pg_read_all_stats"); // sees every state, as the truth does
        try (AgentJvm app = AgentJvm.start("jolokia=false")) {
            // 4 connections: one idle in transaction, one active (waiting), two idle, so no two counts are equal
            app.send("hikari counts 4 " + Db.url() + " counts_app " + Db.APP_PASSWORD);
            Mbeans ds = new Mbeans(app.jmx(), app.awaitDataSource("counts"));
            Db.createLockTable();
            int holder = Integer.parseInt(app.send("lock counts 1"));
            int waiter = Integer.parseInt(app.send("wait counts 1"));
            Eventually.that(Duration.ofSeconds(10), () -> Db.waitingOnLock(waiter), "the waiter waits");
            ds.attribute("SessionCount"); // the monitoring connection exists from here on
            Thread.sleep(1100);

            long[] t = serverCounts(app);
            assertThat((int) ds.attribute("SessionCount")).as("SessionCount").isEqualTo(t[0]);
            assertThat((int) ds.attribute("ActiveSessionCount")).as("ActiveSessionCount").isEqualTo(t[1]);
            assertThat((int) ds.attribute("IdleSessionCount")).as("IdleSessionCount").isEqualTo(t[2]);
            assertThat((int) ds.attribute("IdleInTransactionSessionCount")).as("IdleInTransactionSessionCount").isEqualTo(t[3]);
            assertThat((int) ds.attribute("WaitingSessionCount")).as("WaitingSessionCount").isEqualTo(t[4]);
            assertThat(t[2]).as("the truth tells idle from active").isNotEqualTo(t[1]);
            assertThat((int) ds.attribute("OwnSessionCount")).as("OwnSessionCount: the pool of 4").isEqualTo(4);
            assertThat(Mbeans.sorted((int[]) ds.attribute("OwnBackendPids"))).contains(holder, waiter).hasSize(4);
            assertThat((long) ds.attribute("OldestTransactionSeconds")).isBetween(t[5] - 1, t[5] + 1);
            assertThat((long) ds.attribute("LongestQuerySeconds")).isBetween(t[6] - 1, t[6] + 1);

            int before = (int) ds.attribute("IdleInTransactionSessionCount");
            try (Connection more = Db.connect("counts_app", Db.APP_PASSWORD, "counts-more")) {
                more.setAutoCommit(false);
                more.createStatement().execute("select 1");
                long t0 = System.nanoTime();
                Eventually.that(Duration.ofSeconds(3), () -> (int) ds.attribute("IdleInTransactionSessionCount") == before + 1,
                        "one more session idle in transaction is counted");
                System.out.printf("a new idle-in-transaction session was counted after %d ms%n",
                        (System.nanoTime() - t0) / 1_000_000);
            }
        }
    }

    @Test
    void terminateAllOnOneDataSourceNeverTouchesAMonitoringConnection() throws Exception {
        Db.pg().createRole("pair_app", Db.APP_PASSWORD, "pg_signal_backend");
        try (AgentJvm app = AgentJvm.start("jolokia=false")) {
            app.send("hikari left 2 " + Db.url() + " pair_app " + Db.APP_PASSWORD);
            app.send("hikari right 2 " + Db.url() + " pair_app " + Db.APP_PASSWORD);
            Mbeans left = new Mbeans(app.jmx(), app.awaitDataSource("left"));
            Mbeans right = new Mbeans(app.jmx(), app.awaitDataSource("right"));
            left.listSessions("");
            right.listSessions("");
            List<Integer> monitors = Db.monitorBackendsOf(app.pid());
            assertThat(monitors).as("one monitoring connection per DataSource").hasSize(2);

            int[] ended = left.terminateSessions("all");

            assertThat(Arrays.stream(ended).boxed().toList()).doesNotContainAnyElementsOf(monitors);
            for (int monitor : monitors) {
                assertThat(Db.alive(monitor)).as("monitoring backend %d", monitor).isTrue();
            }
            assertThat(right.pids("all")).as("the other DataSource still answers").isNotNull();
        }
    }

    @Test
    void monitorUserIsTheRoleTheMonitoringConnectionRunsAs() throws Exception {
        Db.pg().createRole("mu_app", Db.APP_PASSWORD);
        Db.pg().createRole("mu_monitor", "monitor-pw", "pg_read_all_stats");
        try (AgentJvm app = AgentJvm.start("jolokia=false,monitorUser=mu_monitor,monitorPassword=monitor-pw")) {
            app.send("hikari mu 1 " + Db.url() + " mu_app " + Db.APP_PASSWORD);
            Mbeans ds = new Mbeans(app.jmx(), app.awaitDataSource("mu"));
            assertThat(Db.pidsWhere("usename = 'mu_monitor'")).isEmpty();
            ds.listSessions("");
            assertThat(Db.pidsWhere("usename = 'mu_monitor' AND application_name = 'pgjmx'"))
                    .as("the monitoring connection runs as monitorUser").hasSize(1);
            assertThat(Db.pidsWhere("usename = 'mu_app' AND application_name = 'pgjmx'")).isEmpty();
        }
    }

    @Test
    void readOnlyRefusesEveryActionOverJmxAndHttp() throws Exception {
        Db.pg().createRole("ro_app", Db.APP_PASSWORD, "pg_signal_backend");
        try (AgentJvm app = AgentJvm.start("port=0,user=ops,password=ops-pw,readOnly=true")) {
            app.send("hikari ro 2 " + Db.url() + " ro_app " + Db.APP_PASSWORD);
            int victim = Integer.parseInt(app.send("hold ro"));
            Mbeans ds = new Mbeans(app.jmx(), app.awaitDataSource("ro"));
            Http http = new Http(HttpIT.jolokiaUrl(app), "ops", "ops-pw");
            ds.listSessions("");
            TreeSet<Integer> before = Db.census();
            for (String op : List.of("cancelSession", "terminateSession", "cancelSessions", "terminateSessions")) {
                Object argument = op.endsWith("s") ? "pid=" + victim : (Object) victim;
                assertThatThrownBy(() -> {
                    if (argument instanceof Integer pid) {
                        if (op.startsWith("cancel")) {
                            ds.cancelSession(pid);
                        } else {
                            ds.terminateSession(pid);
                        }
                    } else if (op.startsWith("cancel")) {
                        ds.cancelSessions((String) argument);
                    } else {
                        ds.terminateSessions((String) argument);
                    }
                }).as("JMX " + op).satisfies(e -> assertThat(Mbeans.messageOf(e)).contains("read-only"));
                Http.Response r = http.post(Http.exec("pgjmx:type=DataSource,name=ro", op, argument));
                assertThat(r.status()).as("HTTP " + op + ": " + r.raw().body()).isNotEqualTo(200);
                assertThat(r.error()).as("HTTP " + op).contains("read-only");
            }
            assertThat(Db.census()).isEqualTo(before);
            assertThat(Db.alive(victim)).isTrue();
        }
    }

    @Test
    void aQueueOnOneRowIsAChainAsPostgresqlReportsIt() throws Exception {
        Db.createLockTable();
        Db.pg().createRole("chain_app", Db.APP_PASSWORD, "pg_read_all_stats");
        try (AgentJvm app = AgentJvm.start("jolokia=false")) {
            app.send("hikari chain 4 " + Db.url() + " chain_app " + Db.APP_PASSWORD);
            Mbeans ds = new Mbeans(app.jmx(), app.awaitDataSource("chain"));
            int holder = Integer.parseInt(app.send("lock chain 1"));
            int first = Integer.parseInt(app.send("wait chain 1"));
            Eventually.that(Duration.ofSeconds(10), () -> Db.waitingOnLock(first), "the first waiter queues");
            int second = Integer.parseInt(app.send("wait chain 1"));
            Eventually.that(Duration.ofSeconds(10), () -> Db.waitingOnLock(second), "the second waiter queues");

            Map<Integer, List<Integer>> truth = new java.util.HashMap<>();
            try (Connection c = Db.superuser(); ResultSet rs = c.createStatement().executeQuery("select pid, "
                    + "pg_blocking_pids(pid) from pg_stat_activity where pid in (" + holder + "," + first + "," + second + ")")) {
                while (rs.next()) {
                    truth.put(rs.getInt(1), Arrays.stream((Integer[]) rs.getArray(2).getArray()).sorted().toList());
                }
            }
            assertThat(truth.get(holder)).isEmpty();
            assertThat(truth.get(first)).containsExactly(holder);
            assertThat(truth.get(second)).as("queued behind the first waiter, as PostgreSQL reports it").contains(first);
            for (CompositeData row : ds.listSessions("own=true")) {
                int pid = (Integer) row.get("pid");
                if (truth.containsKey(pid)) {
                    assertThat(Mbeans.sorted((int[]) row.get("blockedBy"))).as("blockedBy of %d", pid)
                            .isEqualTo(truth.get(pid));
                }
            }
            assertThat(ds.pids("own=true blocked=true")).containsExactlyInAnyOrder(first, second);
            assertThat(ds.pids("own=true blocking=true")).as("the holder and the first waiter both block someone")
                    .containsExactlyInAnyOrderElementsOf(new TreeSet<>(truth.values().stream().flatMap(List::stream).toList()));
            assertThat(ds.pids("own=true blocking=true")).contains(holder);
            assertThat((int) ds.attribute("WaitingSessionCount")).isEqualTo(2);
        }
    }

    /** Pool names with the characters an ObjectName value cannot hold plainly, and two pools of one name. */
    @Test
    void poolNamesAreMadeSafeAndAClashGetsASuffix() throws Exception {
        Db.pg().createRole("names_app", Db.APP_PASSWORD);
        String raw = "orders,db=main:\"eu\"*?\\x";
        try (AgentJvm app = AgentJvm.start("jolokia=false")) {
            app.send("hikari " + raw + " 1 " + Db.url() + " names_app " + Db.APP_PASSWORD);
            app.send("hikari " + raw + "-other 1 " + Db.url() + " names_app " + Db.APP_PASSWORD);
            app.awaitDataSource("orders_db_main__eu____x");
            app.awaitDataSource("orders_db_main__eu____x-other");
            app.send("hikari " + raw + " 1 " + Db.url() + " names_app " + Db.APP_PASSWORD); // the same name again
            javax.management.ObjectName second = app.awaitDataSource("orders_db_main__eu____x-2");
            assertThat(new Mbeans(app.jmx(), second).attribute("Name")).isEqualTo("orders_db_main__eu____x-2");
            assertThat(app.jmx().queryNames(new javax.management.ObjectName("pgjmx:type=DataSource,*"), null))
                    .extracting(n -> n.getKeyProperty("name")).containsExactlyInAnyOrder("orders_db_main__eu____x",
                            "orders_db_main__eu____x-other", "orders_db_main__eu____x-2");
        }
    }

    /**
     * {@code terminateSession} says false when the signal was delivered but the backend had not exited when
     * the wait ran out: a backend stopped with SIGSTOP cannot act on SIGTERM until it is continued.
     */
    @Test
    void terminateSessionIsFalseWhenTheBackendOutlivesTheWait() throws Exception {
        Db.pg().createRole("stuck_app", Db.APP_PASSWORD, "pg_signal_backend");
        try (AgentJvm app = AgentJvm.start("jolokia=false");
                Connection victim = Db.connect("stuck_app", Db.APP_PASSWORD, "stuck-victim")) {
            app.send("hikari stuck 1 " + Db.url() + " stuck_app " + Db.APP_PASSWORD);
            Mbeans ds = new Mbeans(app.jmx(), app.awaitDataSource("stuck"));
            int pid = Db.pid(victim);
            ds.listSessions("");
            Db.signalBackend("STOP", pid);
            boolean gone;
            try {
                gone = ds.terminateSession(pid);
            } finally {
                Db.signalBackend("CONT", pid);
            }
            assertThat(gone).as("signalled, but still there when the wait ran out").isFalse();
            Eventually.that(Duration.ofSeconds(10), () -> !Db.alive(pid), "the backend exits once continued");
            assertThat(app.stderr()).contains("action=terminate").contains("pid " + pid)
                    .contains("signalled, backend still present");
        }
    }

    /** A successful cancel over HTTP, single and by filter: the queries end, the sessions stay. */
    @Test
    void cancelOverHttpEndsTheQueriesAndKeepsTheSessions() throws Exception {
        Db.pg().createRole("hc_app", Db.APP_PASSWORD, "pg_signal_backend");
        try (AgentJvm app = AgentJvm.start("port=0,user=ops,password=ops-pw");
                Connection one = Db.connect("hc_app", Db.APP_PASSWORD, "hc-sleeper");
                Connection two = Db.connect("hc_app", Db.APP_PASSWORD, "hc-sleeper")) {
            app.send("hikari hc 1 " + Db.url() + " hc_app " + Db.APP_PASSWORD);
            app.awaitDataSource("hc");
            Http http = new Http(HttpIT.jolokiaUrl(app), "ops", "ops-pw");
            int onePid = Db.pid(one);
            int twoPid = Db.pid(two);
            List<CompletableFuture<String>> sleeps = List.of(sleep(one), sleep(two));
            Eventually.that(Duration.ofSeconds(5), () -> Db.pidsWhere("application_name = 'hc-sleeper' AND state = 'active'")
                    .size() == 2, "both queries run");

            Http.Response single = http.post(Http.exec("pgjmx:type=DataSource,name=hc", "cancelSession", onePid));
            assertThat(single.status()).as(single.raw().body()).isEqualTo(200);
            assertThat(single.value()).isEqualTo(true);
            assertThat(sleeps.get(0).get(10, java.util.concurrent.TimeUnit.SECONDS)).contains("57014");
            Http.Response bulk = http.post(Http.exec("pgjmx:type=DataSource,name=hc", "cancelSessions",
                    "application=hc-sleeper state=active"));
            assertThat(Http.ints(bulk)).as(bulk.raw().body()).containsExactly(twoPid);
            assertThat(sleeps.get(1).get(10, java.util.concurrent.TimeUnit.SECONDS)).contains("57014");
            assertThat(Db.alive(onePid)).isTrue();
            assertThat(Db.alive(twoPid)).isTrue();
            assertThat(one.isValid(2) && two.isValid(2)).as("both connections still usable").isTrue();
        }
    }

    /** Runs a long sleep on its own thread; completes with the SQLSTATE it ended with. */
    private static CompletableFuture<String> sleep(Connection c) {
        return CompletableFuture.supplyAsync(() -> {
            try (Statement s = c.createStatement()) {
                s.execute("select pg_sleep(60)");
                return "finished";
            } catch (java.sql.SQLException e) {
                return e.getSQLState();
            }
        });
    }


    /** {xact, query (running only), state} ages in whole seconds, as PostgreSQL itself computes them now. */
    private static Map<Integer, long[]> truth(List<Integer> pids) throws Exception {
        Map<Integer, long[]> ages = new java.util.HashMap<>();
        try (Connection c = Db.superuser(); ResultSet rs = c.createStatement().executeQuery("select pid, "
                + "coalesce(floor(extract(epoch from now() - xact_start))::bigint, -1), "
                + "case when state = 'active' then floor(extract(epoch from now() - query_start))::bigint else -1 end, "
                + "floor(extract(epoch from now() - state_change))::bigint from pg_stat_activity where pid in ("
                + pids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")) + ")")) {
            while (rs.next()) {
                ages.put(rs.getInt(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
            }
        }
        assertThat(ages).hasSize(pids.size());
        return ages;
    }

    private static int activeBackend() throws Exception {
        int[] pid = new int[1];
        Eventually.that(Duration.ofSeconds(5), () -> {
            List<Integer> pids = Db.pidsWhere("application_name = 'ages-active' AND state = 'active'");
            if (pids.size() == 1) {
                pid[0] = pids.get(0);
                return true;
            }
            return false;
        }, "the sleeping query runs");
        return pid[0];
    }

    /**
     * The counts as the contract defines them, read as superuser: client backends, without this JVM's
     * monitoring connections: all, active, idle, idle in transaction (incl. aborted), waiting on a lock,
     * oldest transaction, longest running query.
     */
    private static long[] serverCounts(AgentJvm app) throws Exception {
        List<Integer> monitors = Db.monitorBackendsOf(app.pid());
        String notMonitor = monitors.isEmpty() ? "" : " and pid not in (" + monitors.stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(",")) + ")";
        try (Connection c = Db.superuser(); ResultSet rs = c.createStatement().executeQuery("select count(*), "
                + "count(*) filter (where state = 'active'), count(*) filter (where state = 'idle'), "
                + "count(*) filter (where state like 'idle in transaction%'), "
                + "count(*) filter (where wait_event_type = 'Lock'), "
                + "coalesce(max(floor(extract(epoch from now() - xact_start))::bigint), -1), "
                + "coalesce(max(floor(extract(epoch from now() - query_start))::bigint) filter (where state = 'active'), -1) "
                + "from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()" + notMonitor)) {
            rs.next();
            long[] t = new long[7];
            for (int i = 0; i < 7; i++) {
                t[i] = rs.getLong(i + 1);
            }
            return t;
        }
    }
}
