package io.pgjmx.console;

import com.sun.tools.attach.VirtualMachine;
import io.pgjmx.console.client.LocalJvm;
import io.pgjmx.console.client.PgjmxClient;
import java.util.Properties;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Whether pgjmx runs in a local JVM, found without changing the JVM: its system and agent properties over
 * the attach channel, and its JMX only if its local connector already runs. The agent publishes
 * {@value #STATE} ({@code running} or {@code off}) when it starts, by -javaagent or by attach.
 */
record PgjmxPresence(String text) {

    static final String STATE = "io.pgjmx.agent.state";

    static PgjmxPresence probe(String pid) {
        Properties system;
        Properties agent;
        try {
            VirtualMachine vm = VirtualMachine.attach(pid);
            try {
                system = vm.getSystemProperties();
                agent = vm.getAgentProperties();
            } finally {
                LocalJvm.detach(vm);
            }
        } catch (Exception e) {
            return new PgjmxPresence("unknown (cannot attach: " + e.getMessage() + ")");
        }
        String state = system.getProperty(STATE);
        if ("off".equals(state)) {
            return new PgjmxPresence("off (loaded, but refused to start: see the JVM's log or run attach)");
        }
        boolean startedWithIt = agent.getProperty("sun.jvm.args", "").contains("pgjmx-agent");
        boolean running = "running".equals(state) || startedWithIt;
        String connector = agent.getProperty(LocalJvm.LOCAL_CONNECTOR);
        if (connector == null) {
            return new PgjmxPresence(running ? "yes  URL unknown (use attach/datasources " + pid + ")" : "no");
        }
        try (JMXConnector c = JMXConnectorFactory.connect(new JMXServiceURL(connector))) {
            MBeanServerConnection server = c.getMBeanServerConnection();
            ObjectName name = new ObjectName(PgjmxClient.AGENT);
            if (!server.isRegistered(name)) {
                return new PgjmxPresence("no");
            }
            String url = (String) server.getAttribute(name, "JolokiaUrl");
            return new PgjmxPresence(url == null || url.isEmpty() ? "yes  JMX only (HTTP off)" : "yes  " + url);
        } catch (Exception e) {
            return new PgjmxPresence((running ? "yes" : "unknown") + "  URL unknown (JMX: " + e.getMessage() + ")");
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
