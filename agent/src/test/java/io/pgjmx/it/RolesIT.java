package io.pgjmx.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgjmx.testing.AgentJvm;
import io.pgjmx.testing.Db;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.management.openmbean.CompositeData;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a non-superuser application role may and may not do, on whatever PostgreSQL the run uses (the build runs
 * this class on 10, 14 and 18), and the seed case of the project: {@code terminateSessions("user=another_dbuser")}.
 * Without pg_read_all_stats the role sees other roles' sessions only in part, and pgjmx must show that part as
 * unknown; PostgreSQL words its refusals to signal differently from version to version (16 changed them), and
 * pgjmx must turn each into the same message. The messages are compared whole, so a difference between versions
 * fails here.
 */
class RolesIT {

    private static final String APP = "roles_app";
    private static final String SIGNALLER = "roles_signaller";
    private static final String OTHER = "bystander";
    private static final String OTHER_PW = "bystander-pw";

    private static AgentJvm app;
    private static Mbeans plain;
    private static Mbeans signaller;

    @BeforeAll
    static void start() throws Exception {
        Db.pg().createRole(APP, Db.APP_PASSWORD);
        Db.pg().createRole(SIGNALLER, Db.APP_PASSWORD, "pg_signal_backend");
        Db.pg().createRole("another_dbuser", "another-pw");
        Db.pg().createRole(OTHER, OTHER_PW);
        app = AgentJvm.start("jolokia=false");
        app.send("hikari plain 2 " + Db.url() + " " + APP + " " + Db.APP_PASSWORD);
        app.send("hikari signaller 2 " + Db.url() + " " + SIGNALLER + " " + Db.APP_PASSWORD);
        plain = new Mbeans(app.jmx(), app.awaitDataSource("plain"));
        signaller = new Mbeans(app.jmx(), app.awaitDataSource("signaller"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void nonSuperuserTerminatesASessionOfItsOwnRole() throws Exception {
        try (Connection sameRole = Db.connect(APP, Db.APP_PASSWORD)) {
            int pid = Db.pid(sameRole);
            assertThat(plain.terminateSession(pid)).isTrue();
            assertThat(Db.alive(pid)).isFalse();
        }
        int pooled = Integer.parseInt(app.send("hold plain"));
        assertThat(plain.terminateSession(pooled)).isTrue();
        assertThat(Db.alive(pooled)).isFalse();
        assertThat(app.stderr()).contains("action=terminate target=pid " + pooled + " result=ok");
    }

    @Test
    void anotherRolesSessionShowsOnlyWhatTheRoleMaySee() throws Exception {
        Db.awaitNoSessionsOf(OTHER);
        try (Connection other = Db.connect(OTHER, OTHER_PW, "privs visible")) {
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                s.execute("select 1");
            }
            int pid = Db.pid(other);

            CompositeData[] rows = plain.listSessions("user=" + OTHER);

            assertThat(rows).hasSize(1);
            CompositeData row = rows[0];
            // what every version shows any role
            assertThat(row.get("pid")).isEqualTo(pid);
            assertThat(row.get("user")).isEqualTo(OTHER);
            assertThat(row.get("database")).isEqualTo(other.getCatalog());
            assertThat(row.get("applicationName")).isEqualTo("privs visible");
            assertThat(row.get("own")).isEqualTo(false);
            assertThat((int[]) row.get("blockedBy")).isEmpty();
            // what it hides: unknown, not empty text or a zero age
            for (String hidden : new String[] {"backendType", "state", "query", "clientAddress", "clientPort",
                "waitEventType", "waitEvent", "backendStart", "transactionStart", "queryStart", "stateChange",
                "leaderPid"}) {
                assertThat(row.get(hidden)).as(hidden).isNull();
            }
            for (String age : new String[] {"transactionSeconds", "querySeconds", "stateSeconds"}) {
                assertThat(row.get(age)).as(age).isEqualTo(-1L);
            }
            // a filter on what the role cannot see matches nothing rather than guessing
            assertThat(plain.pids("state=idle_in_transaction user=" + OTHER)).isEmpty();
            // its own pool's session it sees in full
            CompositeData own = plain.listSessions("own=true")[0];
            assertThat(own.get("backendType")).isEqualTo("client backend");
            assertThat(own.get("state")).isNotNull();
            assertThat(own.get("backendStart")).isNotNull();
            // server processes stay out even though their rows are hidden just the same
            assertThat(plain.pids("")).contains(pid)
                    .doesNotContainAnyElementsOf(Db.pidsWhere("backend_type <> 'client backend'"));
        }
    }

    @Test
    void refusalsReadTheSameOnEveryVersion() throws Exception {
        try (Connection other = Db.connect(OTHER, OTHER_PW); Connection su = Db.superuser()) {
            int otherPid = Db.pid(other);
            int suPid = Db.pid(su);
            String superuser = Db.pg().superUser();

            for (String action : new String[] {"cancel", "terminate"}) {
                // without pg_signal_backend the role is told what to grant
                refused(() -> signal(plain, action, otherPid), "permission denied: role \"" + APP + "\" may not "
                        + action + " pid " + otherPid + " of role \"" + OTHER + "\": it needs the privileges of role \""
                        + OTHER + "\" or of pg_signal_backend (GRANT pg_signal_backend TO \"" + APP + "\")");
                refused(() -> signal(plain, action, suPid), superusersSession(APP, action, suPid, superuser));
                // pg_signal_backend covers every role but a superuser
                refused(() -> signal(signaller, action, suPid), superusersSession(SIGNALLER, action, suPid, superuser));
            }
            assertThatThrownBy(() -> plain.terminateSessions("pid=" + otherPid))
                    .satisfies(e -> assertThat(Mbeans.messageOf(e)).contains("GRANT pg_signal_backend TO \"" + APP + "\""));
            assertThat(Db.alive(otherPid)).isTrue();
            assertThat(Db.alive(suPid)).isTrue();
            // the superuser's connection was left working, not only alive
            try (Statement s = su.createStatement()) {
                s.execute("select 1");
            }
            assertThat(app.stderr()).contains("result=refused: permission denied");
            // and where the role may, it does
            assertThat(signaller.terminateSession(otherPid)).isTrue();
            assertThat(Db.alive(otherPid)).isFalse();
        }
    }

    @Test
    void terminatesExactlyTheSessionsOfAnotherDbUser() throws Exception {
        Db.awaitNoSessionsOf("another_dbuser");
        List<Connection> theirs = new ArrayList<>();
        List<Integer> theirPids = new ArrayList<>();
        try (Connection bystander = Db.connect(OTHER, OTHER_PW)) {
            for (int i = 0; i < 3; i++) {
                Connection c = Db.connect("another_dbuser", "another-pw");
                theirs.add(c);
                theirPids.add(Db.pid(c));
            }
            int bystanderPid = Db.pid(bystander);
            var before = Db.census();

            int[] terminated = signaller.terminateSessions("user=another_dbuser");

            assertThat(Mbeans.sorted(terminated)).containsExactlyInAnyOrderElementsOf(theirPids);
            var after = Db.census();
            var expected = new TreeSet<>(before);
            expected.removeAll(theirPids);
            assertThat(after).containsAll(expected);
            assertThat(after).doesNotContainAnyElementsOf(theirPids);
            assertThat(Db.alive(bystanderPid)).isTrue();
        } finally {
            theirs.forEach(Db::closeQuietly);
        }
    }

    private static String superusersSession(String role, String action, int pid, String superuser) {
        return "permission denied: role \"" + role + "\" may not " + action + " pid " + pid + " of role \""
                + superuser + "\": it is a superuser's session, and only superusers may signal those";
    }

    private static boolean signal(Mbeans ds, String action, int pid) throws Exception {
        return action.equals("cancel") ? ds.cancelSession(pid) : ds.terminateSession(pid);
    }

    private static void refused(ThrowingCallable call, String message) {
        assertThatThrownBy(call).satisfies(e -> assertThat(Mbeans.messageOf(e))
                .isEqualTo(SecurityException.class.getSimpleName() + ": " + message));
    }
}
