package io.pgjmx.console.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgjmx.testing.AgentJvm;
import io.pgjmx.testing.Db;
import io.pgjmx.testing.Eventually;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code jvms} and {@code attach}: a JVM started without pgjmx, found, attached, then used. */
class AttachIT {

    private static AgentJvm app;

    @BeforeAll
    static void start() throws Exception {
        AppRole.create();
        app = AgentJvm.start(null);
        app.send("hikari late 2 " + Db.pg().jdbcUrl() + " " + AppRole.NAME + " " + AppRole.PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void jvmsThenAttachThenUse() throws Exception {
        String pid = String.valueOf(app.pid());
        Console.Result before = Console.run("jvms");
        assertThat(before.exit()).as(before.toString()).isZero();
        assertThat(before.out()).containsPattern("(?m)^" + pid + " +io\\.pgjmx\\.testapp\\.TestApp +no$");

        Console.Result missing = Console.run("sessions", pid);
        assertThat(missing.exit()).as(missing.toString()).isEqualTo(4);
        assertThat(missing.err()).contains("pgjmx is not loaded in JVM " + pid).contains("attach " + pid);

        Console.Result attach = Console.run("attach", pid, "port=0");
        assertThat(attach.exit()).as(attach.toString()).isZero();
        assertThat(attach.out()).contains("attached to JVM " + pid).containsPattern("Jolokia: http://127\\.0\\.0\\.1:\\d+/jolokia/");

        app.send("query late"); // the pool is found on its next getConnection
        Eventually.that(Duration.ofSeconds(15), () -> Console.run("datasources", pid).out().contains("late\n"),
                "DataSource late listed");
        Console.Result sessions = Console.run("sessions", pid, "own=true");
        assertThat(sessions.exit()).as(sessions.toString()).isZero();
        assertThat(sessions.out()).contains("DataSource late in JVM " + pid);

        Console.Result after = Console.run("jvms");
        assertThat(after.out()).as("the agent publishes its URL as a system property, read over the attach channel")
                .containsPattern("(?m)^" + pid + " +\\S+ +yes +http://127\\.0\\.0\\.1:\\d+/jolokia/$");

        Console.Result again = Console.run("attach", pid);
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.out()).containsPattern("was already running in JVM " + pid + " \\(\\S+, Java [^)]+\\); nothing changed")
                .contains("DataSources: late");
    }

    @Test
    void attachToNoProcessSaysSo() throws Exception {
        Process gone = new ProcessBuilder("true").start().onExit().get();
        Console.Result r = Console.run("attach", String.valueOf(gone.pid()));
        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("there is no process with PID " + gone.pid());
        Console.Result badAgent = Console.run("attach", String.valueOf(app.pid()), "--agent", "/nonexistent.jar");
        assertThat(badAgent.exit()).isEqualTo(2);
        assertThat(badAgent.err()).contains("--agent /nonexistent.jar: no such file");
    }

    @Test
    void portTakenShowsTheAgentsErrorAndExitsWithFour() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                AgentJvm other = AgentJvm.start(null)) {
            String pid = String.valueOf(other.pid());
            Console.Result r = Console.run("attach", pid, "port=" + taken.getLocalPort());

            assertThat(r.exit()).as(r.toString()).isEqualTo(4);
            assertThat(r.err()).contains("JVM " + pid + " [pgjmx] ERROR Jolokia HTTP endpoint not started: 127.0.0.1:"
                    + taken.getLocalPort() + " is taken").contains("pgjmx-console: pgjmx runs in JVM " + pid
                    + " but reported the errors above");
            assertThat(r.out()).contains("HTTP endpoint off").doesNotContain("Next:");
        }
    }
}
