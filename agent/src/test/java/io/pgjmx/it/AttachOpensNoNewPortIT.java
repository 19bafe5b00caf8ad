package io.pgjmx.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgjmx.testing.AgentJvm;
import io.pgjmx.testing.ProcSockets;
import io.pgjmx.testing.Prerequisite;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * After {@code java -jar pgjmx-agent.jar attach PID} the application listens on the pgjmx HTTP port and on
 * nothing else new: the command learns the agent's state over the attach channel, and never starts the JDK's
 * JMX connector (whose port would stay open until the JVM exits).
 */
class AttachOpensNoNewPortIT {

    private static final Pattern JOLOKIA_PORT = Pattern.compile("Jolokia: http://127\\.0\\.0\\.1:(\\d+)/jolokia/");

    @BeforeEach
    void needsTheSocketList() {
        Prerequisite.require(ProcSockets.available(), "Linux /proc, to list the sockets");
    }

    @Test
    void theOnlyNewListeningSocketIsThePgjmxPort() throws Exception {
        try (AgentJvm app = AgentJvm.withoutAgent()) {
            Set<String> before = ProcSockets.listening(app.pid());

            AttachLauncher.Result attach = attached(app, "port=0");

            Matcher url = JOLOKIA_PORT.matcher(attach.out());
            assertThat(url.find()).as(attach.toString()).isTrue();
            Set<String> expected = new TreeSet<>(before);
            expected.add("127.0.0.1:" + url.group(1));
            assertThat(ProcSockets.listening(app.pid())).isEqualTo(expected);

            // the control: the JDK's local JMX connector, started as the attach command once did, is seen
            app.jmx();
            assertThat(ProcSockets.listening(app.pid())).hasSize(expected.size() + 1).containsAll(expected);
        }
    }

    @Test
    void withHttpOffNothingNewListens() throws Exception {
        try (AgentJvm app = AgentJvm.withoutAgent()) {
            Set<String> before = ProcSockets.listening(app.pid());

            AttachLauncher.Result attach = attached(app, "jolokia=false");

            assertThat(attach.out()).contains("HTTP endpoint off");
            assertThat(app.stderr()).contains("started (attach;");
            assertThat(ProcSockets.listening(app.pid())).isEqualTo(before);

            AttachLauncher.Result again = attached(app);

            assertThat(again.out()).contains("already running");
            assertThat(ProcSockets.listening(app.pid())).isEqualTo(before);
        }
    }

    /** {@code attach PID [key=value]} against APP, which must succeed. */
    private static AttachLauncher.Result attached(AgentJvm app, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("attach", String.valueOf(app.pid())));
        args.addAll(List.of(options));
        AttachLauncher.Result attach = AttachLauncher.run(args.toArray(String[]::new));
        assertThat(attach.exit()).as(attach.toString()).isZero();
        return attach;
    }
}
