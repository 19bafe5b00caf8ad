package io.pgjmx.agent.session;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgjmx.api.SessionAction;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every cancel or terminate call writes exactly one AUDIT line, a refusal too (these need no server). */
class SessionSignalsTest {

    private final MonitorConnection noServer = new MonitorConnection("ds", () -> null, null, null, 1000);

    @Test
    void aReadOnlyRefusalIsOneAuditLine() {
        SessionSignals readOnly = new SessionSignals("ds", noServer, () -> new int[0], true);
        assertThat(auditLines(() -> readOnly.signal(SessionAction.CANCEL, 42))).singleElement().asString()
                .contains("datasource=ds action=cancel target=pid 42 result=refused: refused: pgjmx runs read-only");
        assertThat(auditLines(() -> readOnly.signalAll(SessionAction.TERMINATE, "all"))).singleElement().asString()
                .contains("action=terminate target=filter \"all\" result=refused: refused: pgjmx runs read-only");
    }

    @Test
    void badInputAndAnUnreachableServerAreOneAuditLineEach() {
        SessionSignals signals = new SessionSignals("ds", noServer, () -> new int[0], false);
        assertThat(auditLines(() -> signals.signal(SessionAction.TERMINATE, 0))).singleElement().asString()
                .contains("result=refused: pid must be a positive backend process id, got 0");
        assertThat(auditLines(() -> signals.signalAll(SessionAction.CANCEL, " , "))).singleElement().asString()
                .contains("result=refused: an empty filter is refused");
        assertThat(auditLines(() -> signals.signal(SessionAction.CANCEL, 42))).singleElement().asString()
                .contains("result=refused: PostgreSQL refused or could not be reached for DataSource ds");
    }

    /** The AUDIT lines the agent's logger writes (to standard error) while {@code call} runs and fails. */
    private static List<String> auditLines(Runnable call) {
        PrintStream err = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setErr(new PrintStream(out, true, UTF_8));
        try {
            call.run();
        } catch (RuntimeException expected) {
            // each call here is refused
        } finally {
            System.setErr(err);
        }
        return out.toString(UTF_8).lines().filter(l -> l.contains(" AUDIT ")).toList();
    }
}
