package io.pgjmx.demo;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** Whether the pgjmx agent is in this JVM, seen the way an operator would: through its MBean. */
final class PgjmxAgentStatus {
    private static final String AGENT_MBEAN = "pgjmx:type=Agent";

    private PgjmxAgentStatus() {
    }

    static void print(long pid) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            ObjectName agent = new ObjectName(AGENT_MBEAN);
            if (server.isRegistered(agent)) {
                Object url = server.getAttribute(agent, "JolokiaUrl");
                boolean http = url != null && !url.toString().isBlank();
                Out.line("pgjmx agent: loaded (" + AGENT_MBEAN + ")"
                        + (http ? ", Jolokia at " + url : ", Jolokia HTTP is off"));
                return;
            }
        } catch (JMException e) {
            Out.line("pgjmx agent: could not read " + AGENT_MBEAN + ": " + e);
            return;
        }
        Out.line("pgjmx agent: not loaded. Attach it with:  java -jar agent/target/pgjmx-agent.jar attach " + pid);
        Out.line("             or start the demo with:   java -javaagent:agent/target/pgjmx-agent.jar -jar "
                + "examples/hikari-demo/target/pgjmx-hikari-demo.jar ...");
    }
}
