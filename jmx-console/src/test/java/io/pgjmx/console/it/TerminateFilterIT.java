package io.pgjmx.console.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgjmx.testing.AgentJvm;
import io.pgjmx.testing.Db;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code terminate TARGET FILTER}: what the preview shows is what is terminated, and only when confirmed. */
class TerminateFilterIT {

    private static AgentJvm app;
    private static AgentJvm readOnly;
    private final List<Connection> opened = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        AppRole.create();
        app = AgentJvm.start("port=0");
        AppRole.pool(app, "shop");
        readOnly = AgentJvm.start("port=0,readOnly=true");
        AppRole.pool(readOnly, "report");
    }

    @AfterAll
    static void stop() throws Exception {
        for (AgentJvm a : new AgentJvm[] {app, readOnly}) {
            if (a != null) {
                a.close();
            }
        }
    }

    @AfterEach
    void closeVictims() {
        opened.forEach(Db::closeQuietly);
    }

    private TreeSet<Integer> victims(String application, int count) throws Exception {
        TreeSet<Integer> pids = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            Connection c = AppRole.victim(application);
            opened.add(c);
            pids.add(Db.pid(c));
        }
        return pids;
    }

    @Test
    void cancelByFilterEndsTheQueriesAndKeepsTheSessions() throws Exception {
        TreeSet<Integer> sleepers = victims("sleepy", 2);
        List<java.util.concurrent.CompletableFuture<String>> sleeps = new java.util.ArrayList<>();
        for (Connection c : opened) {
            sleeps.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try (java.sql.Statement st = c.createStatement()) {
                    st.execute("select pg_sleep(60)");
                    return "finished";
                } catch (java.sql.SQLException e) {
                    return e.getSQLState();
                }
            }));
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (activeSleepers() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Console.Result r = Console.run("cancel", String.valueOf(app.pid()), "application=sleepy", "state=active", "--yes");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(pidsAfter("cancelled ", r.out())).isEqualTo(sleepers);
        for (java.util.concurrent.CompletableFuture<String> sleep : sleeps) {
            assertThat(sleep.get(10, java.util.concurrent.TimeUnit.SECONDS)).as("the query was cancelled").isEqualTo("57014");
        }
        for (int pid : sleepers) {
            assertThat(Db.alive(pid)).as("cancel keeps session %d", pid).isTrue();
        }
    }

    @Test
    void thePreviewIsWhatIsTerminated() throws Exception {
        TreeSet<Integer> doomed = victims("doomed", 3);
        TreeSet<Integer> spared = victims("spared", 1);
        Console.Result r = Console.run("terminate", String.valueOf(app.pid()), "application=doomed", "--yes");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(previewed(r.out())).isEqualTo(doomed);
        assertThat(pidsAfter("terminated ", r.out())).isEqualTo(doomed);
        assertThat(r.out()).contains("3 of 3 sessions terminated.");
        for (int pid : doomed) {
            assertThat(Db.alive(pid)).as("pid %d", pid).isFalse();
        }
        assertThat(Db.alive(spared.first())).isTrue();
        List<String> audit = auditLines(app, "application=doomed");
        assertThat(audit).as("one call for the confirmed set").hasSize(1);
        assertThat(confirmedSet(audit.get(0), "application=doomed")).isEqualTo(doomed);
        assertThat(audit.get(0)).contains("action=terminate").contains("result=count=3 ");
    }

    @Test
    void withoutYesAndWithoutATerminalNothingIsTerminated() throws Exception {
        TreeSet<Integer> pids = victims("unconfirmed", 2);
        Console.Result r = Console.run("terminate", String.valueOf(app.pid()), "application=unconfirmed");
        assertThat(r.exit()).as(r.toString()).isEqualTo(6);
        assertThat(previewed(r.out())).isEqualTo(pids);
        assertThat(r.err()).contains("not confirmed: no terminal to ask on, so nothing was terminated")
                .contains("--yes");
        assertThat(pidsAfter("terminated ", r.out())).isEmpty();
        for (int pid : pids) {
            assertThat(Db.alive(pid)).isTrue();
        }
        assertThat(app.stderr()).doesNotContain("application=unconfirmed\" result");
    }

    @Test
    void dryRunOnlyShows() throws Exception {
        TreeSet<Integer> pids = victims("dry", 2);
        Console.Result r = Console.run("cancel", String.valueOf(app.pid()), "application=dry", "--dry-run");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(previewed(r.out())).isEqualTo(pids);
        assertThat(r.out()).contains("dry run: nothing cancelled");
        Console.Result none = Console.run("terminate", String.valueOf(app.pid()), "application=nobody-has-this", "--yes");
        assertThat(none.exit()).isZero();
        assertThat(none.out()).contains("no session matches 'application=nobody-has-this'");
    }

    @Test
    void aRefusalIsRelayedPerPidWithItsExitCode() throws Exception {
        TreeSet<Integer> pids = victims("protected", 2);
        Console.Result r = Console.run("terminate", String.valueOf(readOnly.pid()), "application=protected", "--yes");
        assertThat(r.exit()).as(r.toString()).isEqualTo(5);
        for (int pid : pids) {
            assertThat(r.out()).containsPattern("(?m)^not terminated " + pid + ": .*read-only");
            assertThat(Db.alive(pid)).isTrue();
        }
        assertThat(r.out()).contains("0 of 2 sessions terminated.");
        List<String> audit = auditLines(readOnly, "application=protected");
        assertThat(audit).hasSize(1);
        assertThat(confirmedSet(audit.get(0), "application=protected")).isEqualTo(pids);
        assertThat(audit.get(0)).contains("result=refused: ").contains("read-only");
    }

    /** The agent's AUDIT lines whose target names {@code filter}. */
    private static List<String> auditLines(AgentJvm jvm, String filter) {
        return jvm.stderr().lines().filter(l -> l.contains(" AUDIT ") && l.contains(filter + "\" result=")).toList();
    }

    /** The pids of the {@code pid=N,M,... FILTER} the console sent, from the agent's audit line. */
    private static TreeSet<Integer> confirmedSet(String auditLine, String filter) {
        Matcher m = Pattern.compile("target=filter \"pid=([0-9,]+) " + Pattern.quote(filter) + "\"").matcher(auditLine);
        assertThat(m.find()).as(auditLine).isTrue();
        TreeSet<Integer> pids = new TreeSet<>();
        for (String pid : m.group(1).split(",")) {
            pids.add(Integer.parseInt(pid));
        }
        return pids;
    }

    /** The pids of the preview table: the rows before the first result line. */
    private static TreeSet<Integer> previewed(String out) {
        TreeSet<Integer> pids = new TreeSet<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("(")) {
                break;
            }
            Matcher m = Pattern.compile("^(\\d+) ").matcher(line);
            if (m.find()) {
                pids.add(Integer.parseInt(m.group(1)));
            }
        }
        return pids;
    }

    private static int activeSleepers() throws java.sql.SQLException {
        try (Connection c = Db.pg().connectSuperuser(); java.sql.ResultSet rs = c.createStatement().executeQuery(
                "select count(*) from pg_stat_activity where application_name = 'sleepy' and state = 'active'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static TreeSet<Integer> pidsAfter(String prefix, String out) {
        TreeSet<Integer> pids = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^" + prefix + "(\\d+)$").matcher(out);
        while (m.find()) {
            pids.add(Integer.parseInt(m.group(1)));
        }
        return pids;
    }
}
