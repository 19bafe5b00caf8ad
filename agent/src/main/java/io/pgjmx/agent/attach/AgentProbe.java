package io.pgjmx.agent.attach;

import java.io.IOException;
import java.time.Duration;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Looks at the agent inside the target over the JDK's local JMX connector (the one JConsole uses), which
 * the attach command starts in the target if it is not running yet.
 */
final class AgentProbe implements AutoCloseable {

    private static final String AGENT_MBEAN = "pgjmx:type=Agent";

    /** What the Agent MBean says. */
    record AgentView(String version, String jolokiaUrl, String[] dataSourceNames) {
    }

    private final JMXConnector connector;
    private final MBeanServerConnection server;
    private final ObjectName agent;

    AgentProbe(String localConnectorAddress) throws IOException {
        this.connector = JMXConnectorFactory.connect(new JMXServiceURL(localConnectorAddress));
        this.server = connector.getMBeanServerConnection();
        try {
            this.agent = new ObjectName(AGENT_MBEAN);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls until the Agent MBean is registered; null when it is not there within {@code limit}. */
    AgentView awaitAgent(Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!server.isRegistered(agent)) {
            if (System.nanoTime() > deadline) {
                return null;
            }
            Thread.sleep(100);
        }
        return read();
    }

    /** Gives busy pools a moment to be found (each on its next getConnection) when none is there yet. */
    AgentView awaitDataSources(AgentView view, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (view.dataSourceNames().length == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            view = read();
        }
        return view;
    }

    private AgentView read() throws IOException {
        try {
            return new AgentView((String) server.getAttribute(agent, "Version"),
                    (String) server.getAttribute(agent, "JolokiaUrl"),
                    (String[]) server.getAttribute(agent, "DataSourceNames"));
        } catch (javax.management.JMException e) {
            throw new IOException("reading " + AGENT_MBEAN + ": " + e, e);
        }
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException e) {
            // the target may be gone already; nothing to clean up on our side
        }
    }
}
