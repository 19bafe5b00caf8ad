package io.pgjmx.agent;

import java.lang.instrument.Instrumentation;

/**
 * Entry point: {@code -javaagent:pgjmx-agent.jar[=options]} ({@link #premain}) or a dynamic attach
 * ({@link #agentmain}). Both share one idempotent start; whatever fails is reported and the host runs on.
 * This class must not touch the bridge or the classes that implement it before the bridge is injected.
 */
public final class PgjmxAgent {

    private static final Object LOCK = new Object();
    private static boolean started;

    private PgjmxAgent() {
    }

    public static void premain(String args, Instrumentation instrumentation) {
        start(args, instrumentation, "-javaagent");
    }

    public static void agentmain(String args, Instrumentation instrumentation) {
        start(args, instrumentation, "attach");
    }

    public static void main(String[] args) {
        System.exit(Launcher.run(args));
    }

    private static void start(String args, Instrumentation instrumentation, String how) {
        synchronized (LOCK) {
            try {
                if (started) {
                    AgentRuntime.alreadyRunning(how);
                    return;
                }
                AgentOptions options;
                try {
                    options = AgentOptions.parse(args, System.getProperties());
                } catch (AgentOptions.InvalidOptionsException e) {
                    AgentRuntime.refuse(e.getMessage());
                    return;
                }
                BootstrapBridge.inject(instrumentation);
                AgentRuntime.start(options, instrumentation, how);
                started = true;
            } catch (Throwable t) {
                System.err.println("[pgjmx] ERROR pgjmx could not start and is off; the application runs on: " + t);
            }
        }
    }
}
