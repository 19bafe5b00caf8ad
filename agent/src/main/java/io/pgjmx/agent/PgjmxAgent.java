package io.pgjmx.agent;

import io.pgjmx.agent.attach.AgentStatus;
import io.pgjmx.agent.families.HookedClassNames;
import io.pgjmx.agent.families.PoolFamilies;
import io.pgjmx.agent.instrument.DiscoveryInstaller;
import io.pgjmx.agent.instrument.HookGate;
import io.pgjmx.agent.instrument.LibraryInstrumentation;
import io.pgjmx.agent.instrument.PlatformServerInstrumentation;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.util.List;

/**
 * Entry point: {@code -javaagent:pgjmx-agent.jar[=options]} ({@link #premain}) or a dynamic attach
 * ({@link #agentmain}). Both share one idempotent start; whatever fails is reported and the host runs on.
 * This class must not touch the bridge or the classes that implement it before the bridge is injected.
 *
 * <p>premain installs a {@link HookGate} and starts the agent's start thread, and that is all it does on the
 * application's thread: the options, the bridge, the families and everything after them are read and built on
 * the start thread while {@code main} begins. After an attach the same start runs on the attaching thread,
 * for the launcher waits for it anyway. Nothing here is a lambda or a stream: premain would pay for spinning
 * them.
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
        begin(args, instrumentation, AgentRuntime.PREMAIN);
    }

    public static void agentmain(String args, Instrumentation instrumentation) {
        begin(args, instrumentation, "attach");
    }

    public static void main(String[] args) {
        System.exit(Launcher.run(args));
    }

    private static void begin(String args, Instrumentation instrumentation, String how) {
        synchronized (LOCK) {
            try {
                if (started) {
                    AgentRuntime.alreadyRunning(how);
                    return;
                }
                HookGate gate = HookGate.install(instrumentation, HookedClassNames.ALL, new FamilyHooks(instrumentation, how.equals(AgentRuntime.PREMAIN)));
                Start start = new Start(args, instrumentation, how, gate);
                started = true;
                if (how.equals(AgentRuntime.PREMAIN)) {
                    Thread t = new Thread(start, "pgjmx-start");
                    t.setDaemon(true);
                    t.start();
                } else {
                    start.run();
                }
            } catch (Throwable t) {
                String why = "pgjmx could not start and is off; the application runs on: " + t;
                System.err.println("[pgjmx] ERROR " + why);
                AgentStatus.failed(why);
            }
        }
    }

    /** The start after the gate; a start that refused or failed lets a later attach try again. */
    private static final class Start implements Runnable {
        private final String args;
        private final Instrumentation instrumentation;
        private final String how;
        private final HookGate gate;

        Start(String args, Instrumentation instrumentation, String how, HookGate gate) {
            this.args = args;
            this.instrumentation = instrumentation;
            this.how = how;
            this.gate = gate;
        }

        @Override
        public void run() {
            boolean up;
            try {
                AgentStatus.starting();
                // first, before AgentRuntime is even linked: verifying it loads the bridge's interface through
                // this class loader, and the weaver's calls would then meet two copies of it (a LinkageError)
                BootstrapBridge.inject(instrumentation);
                up = AgentRuntime.begin(args, instrumentation, how, gate);
            } catch (Throwable t) {
                gate.close();
                String why = "pgjmx could not start and is off; the application runs on: " + t;
                System.err.println("[pgjmx] ERROR " + why);
                AgentStatus.failed(why);
                up = false;
            }
            if (!up) {
                synchronized (LOCK) {
                    started = false;
                }
            }
        }
    }

    /** What the gate weaves, loaded when it first needs it: after the bridge is in, for woven code calls it. */
    private static final class FamilyHooks implements HookGate.Hooks {
        private final Instrumentation instrumentation;
        /**
         * In premain only: there the application's first pool class is woven on its own thread. After an attach
         * the classes are retransformed on the attaching thread at once, and a warm-up only adds CPU beside the
         * application's threads (a longer pause in AttachPauseMain).
         */
        private final boolean warmUp;

        FamilyHooks(Instrumentation instrumentation, boolean warmUp) {
            this.instrumentation = instrumentation;
            this.warmUp = warmUp;
        }

        @Override
        public List<LibraryInstrumentation> load() throws IOException {
            BootstrapBridge.inject(instrumentation);
            List<LibraryInstrumentation> hooks = PoolFamilies.instrumentations();
            hooks.add(new PlatformServerInstrumentation());
            return hooks;
        }

        @Override
        public byte[] warmUpSample() {
            if (!warmUp) {
                return null;
            }
            try {
                return AgentJar.classBytes(DiscoveryInstaller.WARM_UP_SAMPLE)[0];
            } catch (IOException | RuntimeException e) {
                return null; // only slower: the first pool class is woven cold
            }
        }
    }
}
