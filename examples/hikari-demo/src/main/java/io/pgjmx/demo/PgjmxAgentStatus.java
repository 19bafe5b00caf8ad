package io.pgjmx.demo;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
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
                if (http) {
                    Map<String, String> options = agentOptions();
                    Out.line(options.containsKey("user")
                            ? "             HTTP with basic auth: curl -u " + options.get("user") + ":"
                                    + options.getOrDefault("password", "PASSWORD") + " ..."
                            : "             HTTP is read-only (no user/password): cancel and terminate with jconsole, or "
                                    + "start with -javaagent:agent/target/pgjmx-agent.jar=user=ops,password=demo-pw");
                }
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

    /**
     * The options on this JVM's own {@code -javaagent:...pgjmx-agent.jar=...} line, so that the demo can show the
     * credentials it was started with: a demo's convenience, the agent itself never shows them.
     */
    private static Map<String, String> agentOptions() {
        Map<String, String> options = new HashMap<>();
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            int jar = arg.indexOf("pgjmx-agent.jar=");
            if (arg.startsWith("-javaagent:") && jar > 0) {
                for (String pair : arg.substring(jar + "pgjmx-agent.jar=".length()).split(",")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        options.put(pair.substring(0, eq).trim().toLowerCase(Locale.ROOT), pair.substring(eq + 1));
                    }
                }
            }
        }
        return options;
    }
}
