package io.pgjmx.agent;

import io.pgjmx.agent.attach.AgentStatus;
import io.pgjmx.agent.log.Log;
import io.pgjmx.agent.options.AgentOptions;
import java.lang.instrument.Instrumentation;

/**
 * Entry point: {@code -javaagent:pgjmx-agent.jar[=options]} ({@link #premain}) or a dynamic attach
 * ({@link #agentmain}). Both share one idempotent start; whatever fails is reported and the host runs on.
 * This class must not touch the bridge or the classes that implement it before the bridge is injected.
 *
 * <p>A JVM started with {@code -javaagent} and attached later loads this class once: both go through the
 * system class loader, which already has it, so the second start finds {@link #started} set and the
 * agent's classes are never defined twice.
 */
public final class PgjmxAgent {

    private static final Object LOCK = new Object();
    private static boolean started;

    private PgjmxAgent() {
    }

    public static void premain(String args, Instrumentation instrumentation) {
        start(args, instrumentation, AgentRuntime.PREMAIN);
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
                AgentStatus.starting();
                Log.reportProblemsTo(new ProblemsToStatus());
                // first, even when the options are refused below: linking AgentRuntime can load the bridge's
                // interface through this class loader, and a later start with good options would then find two
                // copies of it (a LinkageError)
                BootstrapBridge.inject(instrumentation);
                AgentOptions options;
                try {
                    options = AgentOptions.parse(args, System.getProperties());
                } catch (AgentOptions.InvalidOptionsException e) {
                    AgentRuntime.refuse(e.getMessage());
                    AgentStatus.off();
                    return;
                }
                AgentRuntime.start(options, instrumentation, how);
                started = true;
            } catch (Throwable t) {
                String why = "pgjmx could not start and is off; the application runs on: " + t;
                System.err.println("[pgjmx] ERROR " + why);
                AgentStatus.failed(why);
            }
        }
    }

    /** WARN and ERROR lines to the status the attach client reads; a class, for a lambda costs premain its spinning. */
    private static final class ProblemsToStatus implements java.util.function.BiConsumer<org.slf4j.event.Level, String> {
        @Override
        public void accept(org.slf4j.event.Level level, String message) {
            AgentStatus.problem(level.toString(), message);
        }
    }
}
