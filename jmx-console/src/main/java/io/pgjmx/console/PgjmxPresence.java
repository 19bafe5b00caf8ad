package io.pgjmx.console;

import io.pgjmx.agent.attach.AgentStatus;
import io.pgjmx.agent.attach.AttachChannel;
import io.pgjmx.agent.attach.AttachFailure;
import io.pgjmx.api.StatusProperties;
import java.util.Properties;

/**
 * Whether pgjmx runs in a local JVM, found without changing the JVM: the {@link AgentStatus} system properties
 * the agent publishes, read over the attach channel.
 */
record PgjmxPresence(String text) {

    static PgjmxPresence probe(String pid) {
        Properties system;
        try (AttachChannel channel = AttachChannel.open(Long.parseLong(pid))) {
            system = channel.systemProperties();
        } catch (AttachFailure | RuntimeException e) {
            return new PgjmxPresence("unknown (cannot attach: " + e.getMessage() + ")");
        }
        String state = AgentStatus.state(system);
        if (state == null) {
            return new PgjmxPresence("no");
        }
        switch (state) {
            case StatusProperties.RUNNING:
                String url = AgentStatus.jolokiaUrl(system);
                return new PgjmxPresence("yes  " + (url.isEmpty() ? "JMX only (HTTP off)" : url));
            case StatusProperties.OFF:
                return new PgjmxPresence("off (loaded, but refused to start: see the JVM's log or run attach)");
            default:
                return new PgjmxPresence(state);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
