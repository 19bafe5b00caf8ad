package io.pgjmx.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgjmx.testing.AgentJvm;
import io.pgjmx.testing.Db;
import io.pgjmx.testing.Eventually;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Listing, filtering, cancelling and terminating on whatever PostgreSQL the run uses. The build runs this
 * class on 10, 14 and 18 (failsafe executions pg10, pg14 and the default one), so each assertion here holds
 * on each of them. The agent acts as a monitoring role with pg_read_all_stats and pg_signal_backend, which
 * sees and may signal the sessions of the role {@code matrix_other}.
 */
class VersionMatrixIT {

    private static final String OTHER = "matrix_other";
    private static final String OTHER_PW = "other-pw";

    private static AgentJvm app;
    private static Mbeans ops;
    private static final ExecutorService CLIENTS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "matrix-client");
        t.setDaemon(true);
        return t;
    });

    @BeforeAll
    static void start() throws Exception {
        Db.createLockTable();
        Db.pg().exec("DROP TABLE IF EXISTS matrix_big");
        Db.pg().exec("CREATE TABLE matrix_big AS SELECT g FROM generate_series(1, 20000) g");
        Db.pg().exec("ANALYZE matrix_big");
        Db.pg().exec("GRANT SELECT ON matrix_big TO PUBLIC");
        Db.pg().createRole("matrix_ops", Db.APP_PASSWORD, "pg_read_all_stats", "pg_signal_backend");
        Db.pg().createRole(OTHER, OTHER_PW);
        app = AgentJvm.start("jolokia=false");
        app.send("hikari ops 1 " + Db.url() + " matrix_ops " + Db.APP_PASSWORD);
        ops = new Mbeans(app.jmx(), app.awaitDataSource("ops"));
    }

    @AfterAll
    static void stop() throws Exception {
        CLIENTS.shutdownNow();
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aSessionShowsEveryColumnThisVersionHas() throws Exception {
        try (Connection other = Db.connect(OTHER, OTHER_PW, "matrix list")) {
            other.setAutoCommit(false);
            execute(other, "select 1");
            int pid = Db.pid(other);
            // the backend reports its wait only once it blocks reading, a moment after the client has its answer
            Eventually.that(Duration.ofSeconds(10), () -> !Db.pidsWhere("pid = " + pid
                    + " and wait_event = 'ClientRead'").isEmpty(), "the session waits for its client");

            CompositeData[] rows = ops.listSessions("pid=" + pid);

            assertThat(rows).hasSize(1);
            CompositeData row = rows[0];
            assertThat(row.get("user")).isEqualTo(OTHER);
            assertThat(row.get("database")).isEqualTo(other.getCatalog());
            assertThat(row.get("applicationName")).isEqualTo("matrix list");
            assertThat(row.get("clientAddress")).isEqualTo("127.0.0.1");
            assertThat((Integer) row.get("clientPort")).isPositive();
            // backend_type exists since 10, so every supported version names the kind of backend
            assertThat(row.get("backendType")).isEqualTo("client backend");
            assertThat(row.get("state")).isEqualTo("idle in transaction");
            assertThat(row.get("query")).isEqualTo("select pg_backend_pid()");
            assertThat(row.get("waitEventType")).isEqualTo("Client");
            assertThat(row.get("waitEvent")).isEqualTo("ClientRead");
            assertThat(row.get("backendStart")).isNotNull();
            assertThat(row.get("transactionStart")).isNotNull();
            assertThat(row.get("queryStart")).isNotNull();
            assertThat(row.get("stateChange")).isNotNull();
            assertThat((Long) row.get("transactionSeconds")).isNotNegative();
            assertThat((Long) row.get("stateSeconds")).isNotNegative();
            assertThat(row.get("querySeconds")).as("no query is running").isEqualTo(-1L);
            assertThat((int[]) row.get("blockedBy")).isEmpty();
            assertThat(row.get("own")).isEqualTo(false);
            // leader_pid exists from 13 on and is NULL for a session that is not a parallel worker; before 13
            // pgjmx selects NULL in its place: null on every version, never an error
            assertThat(row.get("leaderPid")).isNull();
            assertThat(ops.attribute("ServerVersion")).isEqualTo(Db.pg().serverVersion());
        }
    }

    @Test
    void cancelStopsAParallelQueryAndItsWorkersAreNeverListed() throws Exception {
        try (Connection other = Db.connect(OTHER, OTHER_PW, "matrix cancel")) {
            int leader = Db.pid(other);
            // cheap parallel plans, so the scan runs in a leader and two workers; pg_sleep keeps it busy
            execute(other, "set parallel_setup_cost = 0; set parallel_tuple_cost = 0; "
                    + "set min_parallel_table_scan_size = 0; set max_parallel_workers_per_gather = 2");
            Future<SQLException> query = CLIENTS.submit(() -> failure(other,
                    "select count(*) from matrix_big where pg_sleep(0.01) is not null"));
            String workersSql = "pid <> " + leader + " and query like '%matrix_big where pg_sleep%' "
                    + "and backend_type <> 'client backend'";
            Eventually.that(Duration.ofSeconds(20), () -> !Db.pidsWhere(workersSql).isEmpty()
                    && !Db.pidsWhere("pid = " + leader + " and state = 'active'").isEmpty(),
                    "the parallel query runs with workers");
            List<Integer> workers = Db.pidsWhere(workersSql);

            // workers carry the leader's database, role and query (and on 13+ leader_pid); they are not sessions
            assertThat(ops.pids("all")).contains(leader).doesNotContainAnyElementsOf(workers);
            CompositeData row = ops.listSessions("pid=" + leader)[0];
            assertThat(row.get("state")).isEqualTo("active");
            assertThat((Long) row.get("querySeconds")).isNotNegative();
            assertThat(row.get("leaderPid")).isNull();
            assertThat(ops.pids("state=active query_age=0 user=" + OTHER)).containsExactly(leader);
            assertThatThrownBy(() -> ops.cancelSession(workers.get(0)))
                    .satisfies(e -> assertThat(Mbeans.messageOf(e)).contains("not a client backend"));

            assertThat(ops.cancelSession(leader)).isTrue();

            SQLException cancelled = query.get(30, TimeUnit.SECONDS);
            assertThat(cancelled == null ? "no error" : cancelled.getSQLState() + " " + cancelled.getMessage())
                    .startsWith("57014"); // query_canceled
            execute(other, "select 1"); // a cancel ends the query, not the session
            assertThat(Db.alive(leader)).isTrue();
            assertThat(app.stderr()).contains("action=cancel target=pid " + leader + " result=ok");
        }
    }

    @Test
    void everyFilterTermSelectsTheSameSessions() throws Exception {
        Db.awaitNoSessionsOf(OTHER);
        Connection holder = Db.connect(OTHER, OTHER_PW, "matrix holder");
        Connection waiter = Db.connect(OTHER, OTHER_PW, "matrix waiter");
        try {
            holder.setAutoCommit(false);
            execute(holder, "update pgjmx_it set v = v + 1 where id = 1");
            int h = Db.pid(holder);
            int w = Db.pid(waiter);
            CLIENTS.submit(() -> failure(waiter, "update pgjmx_it set v = v + 1 where id = 1"));
            Eventually.that(Duration.ofSeconds(10), () -> Db.waitingOnLock(w), "the waiter blocks on the holder");
            String mine = " user=" + OTHER;

            assertThat(ops.pids("user=" + OTHER)).containsExactlyInAnyOrder(h, w);
            assertThat(ops.pids("database=" + holder.getCatalog() + mine)).containsExactlyInAnyOrder(h, w);
            assertThat(ops.pids("application='matrix holder'")).containsExactly(h);
            assertThat(ops.pids("application=matrix*" + mine)).containsExactlyInAnyOrder(h, w);
            assertThat(ops.pids("client=127.0.0.1" + mine)).containsExactlyInAnyOrder(h, w);
            assertThat(ops.pids("client=127.*" + mine)).containsExactlyInAnyOrder(h, w);
            assertThat(ops.pids("pid=" + h)).containsExactly(h);
            assertThat(ops.pids("state=idle_in_transaction" + mine)).containsExactly(h);
            assertThat(ops.pids("state='idle in transaction'" + mine)).containsExactly(h);
            assertThat(ops.pids("state=active" + mine)).containsExactly(w);
            assertThat(ops.pids("state_age=0" + mine)).containsExactlyInAnyOrder(h, w);
            assertThat(ops.pids("state_age=1d" + mine)).isEmpty();
            assertThat(ops.pids("xact_age=0s" + mine)).containsExactlyInAnyOrder(h, w);
            assertThat(ops.pids("xact_age=1d" + mine)).isEmpty();
            assertThat(ops.pids("query_age=0" + mine)).containsExactly(w);
            assertThat(ops.pids("blocked=true" + mine)).containsExactly(w);
            assertThat(ops.pids("blocked=false" + mine)).containsExactly(h);
            assertThat(ops.pids("blocking=true" + mine)).containsExactly(h);
            assertThat(ops.pids("blocking=false" + mine)).containsExactly(w);
            assertThat(ops.pids("own=false" + mine)).containsExactlyInAnyOrder(h, w);
            assertThat(ops.pids("own=true")).containsExactlyElementsOf(Mbeans.sorted((int[]) ops.attribute("OwnBackendPids")))
                    .isNotEmpty();
            assertThat(ops.pids("all")).contains(h, w);
            assertThat((int[]) ops.listSessions("pid=" + w)[0].get("blockedBy")).containsExactly(h);
            assertThat((int) ops.attribute("WaitingSessionCount")).isPositive();

            // bulk terminate returns the pids once they are gone: no waiting on the test's side
            int[] terminated = ops.terminateSessions("application=matrix*" + mine);

            assertThat(Mbeans.sorted(terminated)).containsExactlyInAnyOrder(h, w);
            assertThat(Db.alive(h)).isFalse();
            assertThat(Db.alive(w)).isFalse();
        } finally {
            closeQuietly(holder);
            closeQuietly(waiter);
        }
    }

    @Test
    void terminateSessionReturnsOnceTheBackendIsGone() throws Exception {
        Connection other = Db.connect(OTHER, OTHER_PW, "matrix terminate");
        try {
            int pid = Db.pid(other);

            // on 14+ the server waits (pg_terminate_backend(pid, timeout)); before 14 pgjmx polls: same result
            assertThat(ops.terminateSession(pid)).isTrue();

            assertThat(Db.alive(pid)).isFalse();
            assertThatThrownBy(() -> execute(other, "select 1")).isInstanceOf(SQLException.class);
            assertThat(app.stderr()).contains("action=terminate target=pid " + pid + " result=ok");
        } finally {
            closeQuietly(other);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Runs SQL that is expected to be interrupted; returns how it failed (null if it did not). */
    private static SQLException failure(Connection c, String sql) {
        try {
            execute(c, sql);
            return null;
        } catch (SQLException e) {
            return e;
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // terminated by the test
        }
    }
}
