package io.pgjmx.console.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgjmx.testing.AgentJvm;
import io.pgjmx.testing.Db;
import io.pgjmx.testing.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jolokia.json.parser.JSONParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * explain, locks and snapshot against a real agent JVM, over JMX (a local pid) and over Jolokia: a thread named
 * culprit-thread holds a row lock idle in transaction, victim-thread waits for it.
 */
class IncidentConsoleIT {

    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final String CULPRIT_FRAME = "io.pgjmx.testapp.IncidentCommands.holdsRowLockForConsoleTest(";
    private static AgentJvm app;
    private static int culprit;
    private static int victim;
    private static String jolokia;

    @BeforeAll
    static void start() throws Exception {
        AppRole.create();
        Db.pg().exec("DROP TABLE IF EXISTS console_locks");
        Db.pg().exec("CREATE TABLE console_locks (id int PRIMARY KEY, v int NOT NULL DEFAULT 0)");
        Db.pg().exec("INSERT INTO console_locks (id) SELECT generate_series(1, 5)");
        Db.pg().exec("GRANT ALL ON console_locks TO PUBLIC");
        app = AgentJvm.start("port=0");
        AppRole.pool(app, "live");
        jolokia = app.jolokiaUrl();
        culprit = Integer.parseInt(app.send("row-culprit live culprit-thread 1"));
        victim = Integer.parseInt(app.send("row-victim live victim-thread 1"));
        Eventually.that(LIMIT, () -> waitingOnLock(victim), "victim-thread blocked by culprit-thread's row lock");
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    /** A local pid is reached over JMX, the URL over Jolokia's read-only window (no credentials given). */
    private static String target(String kind) {
        return kind.equals("jmx") ? String.valueOf(app.pid()) : jolokia;
    }

    @ParameterizedTest
    @ValueSource(strings = {"jmx", "jolokia"})
    void explainShowsTheHolderThreadTheLineOfCodeAndWhomItBlocks(String kind) throws Exception {
        Console.Result r = Console.run("explain", target(kind), String.valueOf(culprit));
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("Session " + culprit + " of DataSource live (opened by this pool)\n")
                .contains("idle in transaction")
                .contains("Holder: thread \"culprit-thread\"")
                .contains("    at " + CULPRIT_FRAME)
                .contains("Blocks:     pid " + victim + " (holder \"victim-thread\")")
                .contains("Blocked by: nobody");

        Console.Result v = Console.run("explain", target(kind), String.valueOf(victim), "--datasource", "live");
        assertThat(v.exit()).as(v.toString()).isZero();
        assertThat(v.out()).contains("Holder: thread \"victim-thread\"")
                .contains("Blocked by: pid " + culprit + " (holder \"culprit-thread\")");

        Console.Result json = Console.run("explain", target(kind), String.valueOf(culprit), "--json");
        assertThat(json.exit()).as(json.toString()).isZero();
        Map<?, ?> detail = new JSONParser().parse(json.out(), Map.class);
        assertThat(detail.get("holderThread")).isEqualTo("culprit-thread");
        assertThat(detail.get("blocking")).isEqualTo(List.of((long) victim));
        assertThat(detail.get("blockedBy")).isEqualTo(List.of());
        assertThat(((Map<?, ?>) detail.get("session")).get("pid")).isEqualTo((long) culprit);
        assertThat((List<?>) detail.get("currentStack")).anyMatch(f -> ((String) f).startsWith(CULPRIT_FRAME));

        Console.Result none = Console.run("explain", target(kind), "999999");
        assertThat(none.exit()).as(none.toString()).isEqualTo(2);
        assertThat(none.err()).contains("no client session with pid 999999");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jmx", "jolokia"})
    void locksShowsTheTreeAndHowToEndTheRoot(String kind) throws Exception {
        Console.Result r = Console.run("locks", target(kind));
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("(?m)^pid " + culprit + " idle in transaction .*holder \"culprit-thread\"")
                .containsPattern("(?m)^ +└ pid " + victim + " active .*holder \"victim-thread\"")
                .contains("  java -jar pgjmx-console.jar terminate " + target(kind) + " --pid " + culprit + "\n");
        assertThat(r.out().lines().filter(l -> l.contains("terminate "))).hasSize(1);

        Console.Result json = Console.run("locks", target(kind), "--json", "--datasource", "live");
        assertThat(json.exit()).as(json.toString()).isZero();
        List<?> roots = new JSONParser().parse(json.out(), List.class);
        assertThat(roots).hasSize(1);
        Map<?, ?> root = (Map<?, ?>) roots.get(0);
        assertThat(root.get("pid")).isEqualTo((long) culprit);
        assertThat(root.get("blockedPids")).isEqualTo(List.of((long) victim));
        assertThat(root.get("holderThread")).isEqualTo("culprit-thread");
        assertThat(root.get("own")).isEqualTo(true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jmx", "jolokia"})
    void snapshotWritesTheIncidentAsJson(String kind) throws Exception {
        Path dir = Files.createTempDirectory("console-snapshot");
        Path file = dir.resolve("incident.json");
        Console.Result r = Console.run("snapshot", target(kind), "-o", file.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("incident snapshot of DataSource live in ").contains("written to " + file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Map<?, ?> snapshot = new JSONParser().parse(Files.readString(file), Map.class);
        assertThat(((Map<?, ?>) snapshot.get("trigger")).get("kind")).isEqualTo("requested");
        assertThat(snapshot.get("jvmPid")).isEqualTo(app.pid());
        assertThat(((Map<?, ?>) snapshot.get("dataSource")).get("name")).isEqualTo("live");
        Map<?, ?> root = (Map<?, ?>) ((List<?>) snapshot.get("lockRoots")).get(0);
        assertThat(root.get("pid")).isEqualTo((long) culprit);
        assertThat(root.get("blockedPids")).isEqualTo(List.of((long) victim));
        Map<?, ?> row = ((List<?>) snapshot.get("sessions")).stream().map(s -> (Map<?, ?>) s)
                .filter(s -> ((Number) s.get("pid")).intValue() == culprit).findFirst().orElseThrow();
        assertThat(row.get("holderThread")).isEqualTo("culprit-thread");
        assertThat((List<?>) row.get("currentStack")).anyMatch(f -> ((String) f).startsWith(CULPRIT_FRAME));

        Console.Result again = Console.run("snapshot", target(kind), "-o", file.toString());
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("the file exists already");

        Console.Result out = Console.run("snapshot", target(kind), "--json");
        assertThat(out.exit()).as(out.toString()).isZero();
        assertThat(((Map<?, ?>) new JSONParser().parse(out.out(), Map.class).get("dataSource")).get("name"))
                .isEqualTo("live");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jmx", "jolokia"})
    void sessionsShowTheHolder(String kind) throws Exception {
        Console.Result r = Console.run("sessions", target(kind), "own=true", "--columns", "pid,state,holder");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("(?m)^PID +STATE +HOLDER$")
                .containsPattern("(?m)^" + culprit + " +idle in transaction +culprit-thread [0-9dhms]+$")
                .containsPattern("(?m)^" + victim + " +active +victim-thread [0-9dhms]+$");
    }

    private static boolean waitingOnLock(int pid) throws Exception {
        try (Connection c = Db.pg().connectSuperuser();
                PreparedStatement ps = c.prepareStatement("select wait_event_type from pg_stat_activity where pid = ?")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && "Lock".equals(rs.getString(1));
            }
        }
    }
}
