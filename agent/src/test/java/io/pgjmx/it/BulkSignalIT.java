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
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code terminateSessions}/{@code cancelSessions} over many sessions: exactly the matching ones are hit, in
 * one call that writes one audit line; the role's privileges decide per session, never for the whole set.
 * The build runs this class on PostgreSQL 10, 14 and 18, whose privilege rules differ.
 */
class BulkSignalIT {

    private static final int HOLDERS = 60;
    private static final String OPS = "bulk_ops";
    private static final String LIMITED = "bulk_limited";
    private static final String OTHER = "bulk_other";
    private static final String OTHER_PW = "other-pw";

    private static AgentJvm app;
    private static Mbeans ops;
    private static Mbeans limited;
    private final List<Connection> opened = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Db.pg().createRole(OPS, Db.APP_PASSWORD, "pg_signal_backend");
        Db.pg().createRole(LIMITED, Db.APP_PASSWORD);
        Db.pg().createRole(OTHER, OTHER_PW);
        app = AgentJvm.start("jolokia=false");
        app.send("hikari ops 2 " + Db.url() + " " + OPS + " " + Db.APP_PASSWORD);
        app.send("hikari limited 2 " + Db.url() + " " + LIMITED + " " + Db.APP_PASSWORD);
        ops = new Mbeans(app.jmx(), app.awaitDataSource("ops"));
        limited = new Mbeans(app.jmx(), app.awaitDataSource("limited"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @AfterEach
    void closeOpened() {
        for (Connection c : opened) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // terminated by the test
            }
        }
    }

    private TreeSet<Integer> open(String user, String password, String application, int count) throws SQLException {
        TreeSet<Integer> pids = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            Connection c = Db.connect(user, password, application);
            opened.add(c);
            pids.add(Db.pid(c));
        }
        return pids;
    }

    @Test
    void terminatesExactlyTheMatchingSessionsInOneCall() throws Exception {
        TreeSet<Integer> holders = open(OTHER, OTHER_PW, "holder", HOLDERS);
        TreeSet<Integer> survivors = open(OTHER, OTHER_PW, "holdout", 3);
        survivors.add(Integer.parseInt(app.send("hold ops")));
        survivors.addAll(Mbeans.sorted((int[]) ops.attribute("OwnBackendPids")));
        int linesBefore = auditLines("target=filter \"application=holder\"").size();

        int[] terminated = ops.terminateSessions("application=holder");

        assertThat(new TreeSet<>(Mbeans.sorted(terminated))).isEqualTo(holders);
        assertThat(Db.census()).doesNotContainAnyElementsOf(holders).containsAll(survivors);
        List<String> lines = auditLines("target=filter \"application=holder\"");
        assertThat(lines).hasSize(linesBefore + 1);
        assertThat(lines.get(lines.size() - 1)).contains("action=terminate")
                .contains("result=count=" + HOLDERS + " matched=" + holders + " terminated=" + holders)
                .doesNotContain("refused");
        app.send("release-held");
    }

    @Test
    void cancelStopsTheQueriesAndKeepsTheSessions() throws Exception {
        int sleepers = 8;
        List<Connection> connections = new ArrayList<>();
        TreeSet<Integer> pids = new TreeSet<>();
        for (int i = 0; i < sleepers; i++) {
            Connection c = Db.connect(OTHER, OTHER_PW, "sleeper");
            opened.add(c);
            connections.add(c);
            pids.add(Db.pid(c));
        }
        ExecutorService threads = Executors.newFixedThreadPool(sleepers);
        try {
            List<Future<?>> queries = new ArrayList<>();
            for (Connection c : connections) {
                queries.add(threads.submit(() -> {
                    try (Statement s = c.createStatement()) {
                        s.execute("select pg_sleep(120)");
                    }
                    return null;
                }));
            }
            Eventually.that(Duration.ofSeconds(20), () -> Db.pidsWhere("application_name = 'sleeper' and state = "
                    + "'active' and query like 'select pg_sleep%'").size() == sleepers, "every sleeper running pg_sleep");
            int linesBefore = auditLines("target=filter \"application=sleeper\"").size();

            int[] cancelled = ops.cancelSessions("application=sleeper");

            assertThat(new TreeSet<>(Mbeans.sorted(cancelled))).isEqualTo(pids);
            for (Future<?> q : queries) {
                try {
                    q.get(20, TimeUnit.SECONDS);
                    throw new AssertionError("pg_sleep(120) was not cancelled");
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(SQLException.class);
                    assertThat(((SQLException) e.getCause()).getSQLState()).isEqualTo("57014");
                }
            }
            assertThat(Db.pidsWhere("application_name = 'sleeper' and state = 'idle'")).containsExactlyElementsOf(pids);
            for (Connection c : connections) {
                try (Statement s = c.createStatement()) {
                    s.execute("select 1");
                }
            }
            List<String> lines = auditLines("target=filter \"application=sleeper\"");
            assertThat(lines).hasSize(linesBefore + 1);
            assertThat(lines.get(lines.size() - 1)).contains("action=cancel")
                    .contains("result=count=" + sleepers + " matched=" + pids + " cancelled=" + pids);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aRoleTerminatesItsOwnSessionsAndOthersAreRefusedOneByOne() throws Exception {
        Db.awaitNoSessionsOf(OTHER);
        TreeSet<Integer> own = open(LIMITED, Db.APP_PASSWORD, "limited-own", 3);
        int others = open(OTHER, OTHER_PW, "limited-other", 1).first();
        Connection su = Db.superuser();
        opened.add(su);
        int superuser = Db.pid(su);
        // the pool's own two connections are the role's sessions too; Hikari opens them in the background
        Eventually.that(Duration.ofSeconds(15), () -> Db.pidsWhere("usename = '" + LIMITED
                + "' and application_name <> 'pgjmx'").size() == own.size() + 2, "the pool's connections open");
        TreeSet<Integer> roles = new TreeSet<>(Db.pidsWhere("usename = '" + LIMITED + "' and application_name <> 'pgjmx'"));
        int linesBefore = auditLines("target=filter \"all\"").size();

        int[] terminated = limited.terminateSessions("all");

        assertThat(new TreeSet<>(Mbeans.sorted(terminated))).isEqualTo(roles);
        assertThat(Db.census()).doesNotContainAnyElementsOf(roles).contains(superuser, others);
        try (Statement s = su.createStatement()) {
            s.execute("select 1");
        }
        List<String> lines = auditLines("target=filter \"all\"");
        assertThat(lines).hasSize(linesBefore + 1);
        String superuserName = Db.pg().superUser();
        assertThat(lines.get(lines.size() - 1)).contains("action=terminate")
                .contains("result=count=" + roles.size() + " ")
                .contains("terminated=" + roles)
                .contains(superuser + ": permission denied: role \"" + LIMITED + "\" may not terminate pid " + superuser
                        + " of role \"" + superuserName + "\": it is a superuser's session")
                .contains(others + ": permission denied: role \"" + LIMITED + "\" may not terminate pid " + others
                        + " of role \"" + OTHER + "\": it needs the privileges of role \"" + OTHER
                        + "\" or of pg_signal_backend");
    }

    @Test
    void aCallThatHitsNothingBecauseOfARefusalWritesOneAuditLine() throws Exception {
        Connection su = Db.superuser();
        opened.add(su);
        int superuser = Db.pid(su);
        String target = "target=filter \"pid=" + superuser + "\"";
        int linesBefore = auditLines(target).size();

        assertThatThrownBy(() -> limited.terminateSessions("pid=" + superuser))
                .satisfies(e -> assertThat(Mbeans.messageOf(e)).isEqualTo("SecurityException: no session was "
                        + "terminated: refused=[" + superuser + ": permission denied: role \"" + LIMITED
                        + "\" may not terminate pid " + superuser + " of role \"" + Db.pg().superUser()
                        + "\": it is a superuser's session, and only superusers may signal those]"));

        assertThat(Db.alive(superuser)).isTrue();
        List<String> lines = auditLines(target);
        assertThat(lines).hasSize(linesBefore + 1);
        assertThat(lines.get(lines.size() - 1)).contains("result=refused: count=0 matched=[" + superuser
                + "] terminated=[] refused=[" + superuser + ": permission denied");
    }

    /** The agent's AUDIT lines that contain {@code text}. */
    private static List<String> auditLines(String text) {
        return app.stderr().lines().filter(l -> l.contains(" AUDIT ") && l.contains(text)).toList();
    }
}
