package io.pgjmx.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgjmx.testing.AgentJvm;
import io.pgjmx.testing.Db;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a non-superuser application role may and may not do, and the seed case of the project:
 * {@code terminateSessions("user=another_dbuser")}.
 */
class RolesIT {

    private static AgentJvm app;
    private static Mbeans plain;
    private static Mbeans signaller;

    @BeforeAll
    static void start() throws Exception {
        Db.pg().createRole("roles_app", Db.APP_PASSWORD);
        Db.pg().createRole("roles_signaller", Db.APP_PASSWORD, "pg_signal_backend");
        Db.pg().createRole("another_dbuser", "another-pw");
        Db.pg().createRole("bystander", "bystander-pw");
        app = AgentJvm.start("jolokia=false");
        app.send("hikari plain 2 " + Db.url() + " roles_app " + Db.APP_PASSWORD);
        app.send("hikari signaller 2 " + Db.url() + " roles_signaller " + Db.APP_PASSWORD);
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
        try (Connection sameRole = Db.connect("roles_app", Db.APP_PASSWORD)) {
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
    void nonSuperuserCannotTerminateASuperusersSession() throws Exception {
        try (Connection su = Db.superuser()) {
            int pid = Db.pid(su);
            assertThatThrownBy(() -> plain.terminateSession(pid))
                    .satisfies(e -> assertThat(Mbeans.messageOf(e))
                            .contains("permission denied").contains("\"roles_app\"").contains("superuser")
                            .contains(String.valueOf(pid)));
            assertThatThrownBy(() -> signaller.terminateSession(pid))
                    .satisfies(e -> assertThat(Mbeans.messageOf(e)).contains("superuser"));
            assertThat(Db.alive(pid)).isTrue();
            try (Statement s = su.createStatement()) {
                s.execute("select 1");
            }
        }
        assertThat(app.stderr()).contains("result=refused: permission denied");
    }

    @Test
    void nonSuperuserWithoutSignalRightsIsToldWhatToGrant() throws Exception {
        try (Connection other = Db.connect("bystander", "bystander-pw")) {
            int pid = Db.pid(other);
            assertThatThrownBy(() -> plain.terminateSession(pid))
                    .satisfies(e -> assertThat(Mbeans.messageOf(e)).contains("permission denied")
                            .contains("\"bystander\"").contains("pg_signal_backend"));
            assertThatThrownBy(() -> plain.terminateSessions("pid=" + pid))
                    .satisfies(e -> assertThat(Mbeans.messageOf(e)).contains("pg_signal_backend"));
            assertThat(Db.alive(pid)).isTrue();
        }
    }

    @Test
    void otherRolesSessionsAreListedWithWhatTheRoleMayNotSeeLeftOut() throws Exception {
        Db.awaitNoSessionsOf("bystander");
        try (Connection other = Db.connect("bystander", "bystander-pw")) {
            int pid = Db.pid(other);
            javax.management.openmbean.CompositeData[] rows = plain.listSessions("user=bystander");
            assertThat(rows).hasSize(1);
            assertThat(rows[0].get("pid")).isEqualTo(pid);
            assertThat(rows[0].get("applicationName")).isEqualTo("pgjmx-it");
            assertThat(rows[0].get("state")).isNull();
            assertThat(rows[0].get("query")).isNull();
            assertThat(rows[0].get("backendStart")).isNull();
            assertThat(rows[0].get("transactionSeconds")).isEqualTo(-1L);
            assertThat(rows[0].get("stateSeconds")).isEqualTo(-1L);
            assertThat(plain.pids("")).contains(pid).doesNotContainAnyElementsOf(Db.pidsWhere("backend_type <> 'client backend'"));
        }
    }

    @Test
    void terminatesExactlyTheSessionsOfAnotherDbUser() throws Exception {
        Db.awaitNoSessionsOf("another_dbuser");
        List<Connection> theirs = new ArrayList<>();
        List<Integer> theirPids = new ArrayList<>();
        try (Connection bystander = Db.connect("bystander", "bystander-pw")) {
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
            var expected = new java.util.TreeSet<>(before);
            expected.removeAll(theirPids);
            assertThat(after).containsAll(expected);
            assertThat(after).doesNotContainAnyElementsOf(theirPids);
            assertThat(Db.alive(bystanderPid)).isTrue();
        } finally {
            for (Connection c : theirs) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // terminated
                }
            }
        }
    }
}
