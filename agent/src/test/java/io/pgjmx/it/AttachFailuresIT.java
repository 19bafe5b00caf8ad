package io.pgjmx.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgjmx.testing.AgentJvm;
import io.pgjmx.testing.Jdks;
import io.pgjmx.testing.Prerequisite;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * Each way {@code attach} can fail says why and what to do, with its exit status (the README's table, shared
 * with the console); the target runs on.
 */
class AttachFailuresIT {

    @Test
    void usageErrorsExitWithTwo() throws Exception {
        for (String[] args : List.of(new String[0], new String[] {"attach"}, new String[] {"attach", "abc"},
                new String[] {"attach", "-5"}, new String[] {"frobnicate"})) {
            AttachLauncher.Result r = AttachLauncher.run(args);
            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).as(r.toString()).contains("Usage: java -jar pgjmx-agent.jar attach PID");
        }
        AttachLauncher.Result help = AttachLauncher.run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Exit status:");
    }

    @Test
    void noSuchProcess() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(10, TimeUnit.SECONDS);

        AttachLauncher.Result r = AttachLauncher.run("attach", String.valueOf(gone.pid()));

        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("there is no process with PID " + gone.pid()).contains("jps");
    }

    @Test
    void notAJavaProcess() throws Exception {
        Prerequisite.require(Files.isDirectory(Path.of("/proc/self")), "Linux /proc, to tell a JVM from other processes");
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            AttachLauncher.Result r = AttachLauncher.run("attach", String.valueOf(sleep.pid()));

            assertThat(r.exit()).as(r.toString()).isEqualTo(3);
            assertThat(r.err()).contains("is not a running Java process");
            assertThat(sleep.isAlive()).as("never signalled").isTrue();
        } finally {
            sleep.destroyForcibly();
        }
    }

    @Test
    void anotherUsersProcess() throws Exception {
        Prerequisite.require("root".equals(System.getProperty("user.name")), "root, to run the command as another user");
        Prerequisite.require(Files.isExecutable(Path.of("/usr/bin/setpriv")), "/usr/bin/setpriv (util-linux), to run "
                + "the command as another user");
        try (AgentJvm app = AgentJvm.withoutAgent()) {
            // the command as nobody, the JVM as root: only root may attach to another user's JVM
            AttachLauncher.Result r = AttachLauncher.run(Jdks.current(), List.of("/usr/bin/setpriv", "--reuid=nobody",
                    "--regid=nogroup", "--clear-groups"), "attach", String.valueOf(app.pid()));

            assertThat(r.exit()).as(r.toString()).isEqualTo(3);
            assertThat(r.err()).contains("belongs to user root").contains("sudo -u root");
            assertThat(app.stderr()).doesNotContain("[pgjmx]");
        }
    }

    @Test
    void dynamicAgentLoadingDisabled() throws Exception {
        try (AgentJvm app = AgentJvm.withoutAgent("-XX:-EnableDynamicAgentLoading")) {
            AttachLauncher.Result r = AttachLauncher.run("attach", String.valueOf(app.pid()));

            assertThat(r.exit()).as(r.toString()).isEqualTo(5);
            assertThat(r.err()).contains("-XX:-EnableDynamicAgentLoading").contains("-javaagent:");
            assertThat(app.send("libs")).isNotEmpty();
        }
    }

    @Test
    void theAgentsOwnErrorsAreShownAndAFixedAttachThenWorks() throws Exception {
        try (AgentJvm app = AgentJvm.withoutAgent()) {
            AttachLauncher.Result bad = AttachLauncher.run("attach", String.valueOf(app.pid()), "readOnly=maybe");

            assertThat(bad.exit()).as(bad.toString()).isEqualTo(4);
            assertThat(bad.err()).contains("JVM " + app.pid() + " [pgjmx] ERROR").contains("readOnly")
                    .contains("did not start");
            assertThat(app.jmx().isRegistered(new ObjectName("pgjmx:type=Agent"))).isFalse();

            AttachLauncher.Result good = AttachLauncher.run("attach", String.valueOf(app.pid()), "jolokia=false");

            assertThat(good.exit()).as(good.toString()).isZero();
            assertThat(good.out()).contains("attached to JVM " + app.pid());
            assertThat(good.err()).doesNotContain("readOnly");
        }
    }

    @Test
    void portTakenShowsTheAgentsErrorAndExitsWithFour() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                AgentJvm app = AgentJvm.withoutAgent()) {
            AttachLauncher.Result r = AttachLauncher.run("attach", String.valueOf(app.pid()),
                    "port=" + taken.getLocalPort());

            assertThat(r.exit()).as(r.toString()).isEqualTo(4);
            assertThat(r.err()).contains("JVM " + app.pid() + " [pgjmx] ERROR Jolokia HTTP endpoint not started: "
                    + "127.0.0.1:" + taken.getLocalPort() + " is taken").contains("runs in JVM " + app.pid()
                    + " but reported the errors above");
            assertThat(r.out()).contains("attached to JVM " + app.pid()).contains("HTTP endpoint off");
            // JMX only, as the message says: the agent runs on
            assertThat(app.jmx().getAttribute(new ObjectName("pgjmx:type=Agent"), "JolokiaUrl")).isEqualTo("");
        }
    }
}
