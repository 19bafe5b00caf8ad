package io.pgjmx.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgjmx.testing.AgentJvm;
import io.pgjmx.testing.Db;
import java.sql.Connection;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad filters and bad pids: each a clear error, and a census of pg_stat_activity before and after shows
 * that nothing was terminated. The pool's role is a superuser here, so only pgjmx's own checks stand in
 * the way.
 */
class BadInputIT {

    private static AgentJvm app;
    private static Mbeans ds;

    @BeforeAll
    static void start() throws Exception {
        Db.createLockTable();
        app = AgentJvm.start("jolokia=false");
        app.send("hikari bad 2 " + Db.url() + " " + Db.pg().superUser() + " " + Db.pg().superPassword());
        ds = new Mbeans(app.jmx(), app.awaitDataSource("bad"));
        ds.listSessions(""); // opens the monitoring connection before the census
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void badFiltersAreRejectedAndTerminateNothing() throws Exception {
        try (Connection victim = Db.connect(Db.pg().superUser(), Db.pg().superPassword())) {
            TreeSet<Integer> before = Db.census();
            assertRejected("colour=blue", "unknown filter key 'colour'", "valid keys: pid, user, database");
            assertRejected("state=sleeping", "unknown state", "idle_in_transaction");
            assertRejected("state_age=5x", "not a duration", "5m");
            assertRejected("xact_age=-1", "not a duration", "90s");
            assertRejected("application='unbalanced", "unbalanced quote");
            assertRejected("user=x' OR '1'='1", "stray quote");
            assertRejected("user='x' OR 1=1", "'OR' is not KEY=VALUE");
            assertRejected("pid=1;DROP TABLE pgjmx_it", "pid is a positive whole number");
            assertRejected("", "empty filter is refused", "'all'");
            assertRejected("   ", "empty filter is refused");
            assertRejected("own=maybe", "give true or false");
            assertRejected("user", "'user' is not KEY=VALUE");
            assertThat(Db.census()).isEqualTo(before);
            assertThat(Db.alive(Db.pid(victim))).isTrue();
        }
        try (Connection su = Db.superuser(); var rs = su.createStatement().executeQuery("select count(*) from pgjmx_it")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the table the injection text names is intact").isEqualTo(20);
        }
    }

    @Test
    void injectionTextIsAValueNotSql() throws Exception {
        // quoted, it is a legal value: it must match nothing and do nothing
        assertThat(ds.terminateSessions("user='x'' OR ''1''=''1'")).isEmpty();
        assertThat(ds.listSessions("application='pgjmx-it''; select pg_terminate_backend(pid) from pg_stat_activity; --'"))
                .isEmpty();
    }

    @Test
    void badPidsAreRejectedAndTerminateNothing() throws Exception {
        TreeSet<Integer> before = Db.census();
        List<Integer> monitors = Db.monitorBackendsOf(app.pid());
        assertThat(monitors).as("the application's one monitoring connection").hasSize(1);
        int ownMonitor = monitors.get(0);
        List<Integer> checkpointer = Db.pidsWhere("backend_type = 'checkpointer'");
        assertThat(checkpointer).as("every server has one").hasSize(1);

        assertPidRejected(-1, "positive");
        assertPidRejected(0, "positive");
        assertPidRejected(999_999, "no session with pid 999999");
        assertPidRejected(ownMonitor, "pgjmx's own monitoring connection");
        assertPidRejected(checkpointer.get(0), "not a client backend");
        assertThat(ds.terminateSessions("application=pgjmx")).as("bulk never hits the monitoring connection").isEmpty();
        assertThat(ds.pids("")).doesNotContain(ownMonitor);
        assertThat(Db.census()).isEqualTo(before);
        assertThat(Db.alive(ownMonitor)).isTrue();
    }

    private static void assertRejected(String filter, String... messageParts) {
        for (String op : List.of("terminate", "cancel")) {
            assertThatThrownBy(() -> {
                if (op.equals("terminate")) {
                    ds.terminateSessions(filter);
                } else {
                    ds.cancelSessions(filter);
                }
            }).as(op + "Sessions(\"" + filter + "\")").satisfies(e -> {
                String message = Mbeans.messageOf(e);
                assertThat(message).startsWith("IllegalArgumentException");
                for (String part : messageParts) {
                    assertThat(message).contains(part);
                }
            });
        }
    }

    private static void assertPidRejected(int pid, String messagePart) {
        assertThatThrownBy(() -> ds.terminateSession(pid)).satisfies(e ->
                assertThat(Mbeans.messageOf(e)).contains(messagePart));
        assertThatThrownBy(() -> ds.cancelSession(pid)).satisfies(e ->
                assertThat(Mbeans.messageOf(e)).contains(messagePart));
    }
}
