package io.pgjmx.agent.instrument;

import io.pgjmx.agent.log.Log;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The class file transformer premain installs, and nearly all that premain does. Until the {@link Weaver} is
 * built it compares each loaded class's name against a fixed list of the hooked classes; the families, the
 * hook table, ASM and the bridge are loaded only when one of those classes appears or on the agent's start
 * thread, whichever comes first. Building them in premain delayed {@code main} by some 30 to 50 ms
 * (examples/README.md); an empty {@code -javaagent} costs a JVM about as much again, which no agent can avoid.
 *
 * <p>A hooked class that loads while the weaver is being built (and warmed up: woven cold, the first pool
 * class cost its thread some 20 ms) waits for it, so every class on the list is woven from its first
 * definition, as it was when all this ran in premain. The list only decides what to wait
 * for: once built, the weaver's own table decides, and what the list missed is retransformed after
 * ({@link DiscoveryInstaller#complete}).
 */
public final class HookGate implements ClassFileTransformer {

    /** What the weaver is built from; each called once. */
    public interface Hooks {
        /** The hooks, loaded after the bridge is in the bootstrap loader. */
        List<LibraryInstrumentation> load() throws Exception;

        /** The class file of {@link WarmUpSample}, null for none: woven once before the weaver is used. */
        byte[] warmUpSample();
    }

    private final Instrumentation instrumentation;
    /** Internal names ({@code com/zaxxer/hikari/HikariDataSource}), as the JVM hands them to a transformer. */
    private final Set<String> hooked;
    private final Hooks hooks;
    private volatile Weaver weaver;
    private volatile boolean closed;
    /** The thread building the weaver: a hooked class it loads meanwhile is left alone rather than waited for. */
    private Thread building;
    private Throwable failure;

    /**
     * Installs a gate, in premain or on attach. {@code hookedClassNames}: what the families hook, known without
     * loading them; the agent's own hook on the platform MBean server is added here. A static method here rather than in {@link DiscoveryInstaller}, whose logger premain would load.
     */
    public static HookGate install(Instrumentation instrumentation, Set<String> hookedClassNames, Hooks hooks) {
        HookGate gate = new HookGate(instrumentation, hookedClassNames, hooks);
        instrumentation.addTransformer(gate, true);
        return gate;
    }

    private HookGate(Instrumentation instrumentation, Set<String> hookedClassNames, Hooks hooks) {
        this.instrumentation = instrumentation;
        this.hooks = hooks;
        Set<String> internal = new HashSet<>();
        for (String name : hookedClassNames) {
            internal.add(name.replace('.', '/'));
        }
        internal.add(PlatformServerInstrumentation.MANAGEMENT_FACTORY.replace('.', '/'));
        this.hooked = internal;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
            ProtectionDomain domain, byte[] bytes) {
        if (closed || className == null) {
            return null;
        }
        Weaver w = weaver;
        if (w == null) {
            if (!hooked.contains(className)) {
                return null;
            }
            w = weaverOrNull();
            if (w == null) {
                return null;
            }
        }
        return w.transform(module, loader, className, redefined, domain, bytes);
    }

    /** The weaver, built now if nobody has; throws what building it threw. */
    Weaver weaver() throws Exception {
        synchronized (this) {
            if (weaver == null && failure == null && building == null) {
                building = Thread.currentThread();
                try {
                    HookTable table = new HookTable();
                    for (LibraryInstrumentation library : hooks.load()) {
                        library.addTo(table);
                    }
                    Weaver built = new Weaver(table, instrumentation);
                    byte[] sample = hooks.warmUpSample();
                    if (sample != null) {
                        Weaver.warmUp(sample);
                    }
                    weaver = built;
                } catch (Exception | LinkageError e) {
                    failure = e;
                } finally {
                    building = null;
                }
            }
            if (failure instanceof Exception e) {
                throw e;
            }
            if (failure != null) {
                throw (LinkageError) failure;
            }
            return weaver;
        }
    }

    private Weaver weaverOrNull() {
        synchronized (this) {
            if (building == Thread.currentThread()) {
                return null; // retransformed once the weaver is there
            }
        }
        try {
            return weaver();
        } catch (Exception | LinkageError e) {
            // logged once by whoever completes the start; classes load as they are
            return null;
        }
    }

    /** Every class the weaver hooks, by binary name; builds it first. */
    Set<String> classNames() throws Exception {
        return weaver().classNames();
    }

    /** True when {@code type} got its hooks as it was defined. */
    boolean wovenAtLoad(Class<?> type) {
        Weaver w = weaver;
        return w != null && w.wovenAtLoad(type);
    }

    /** From now on no class is woven (the options were refused or the start failed); woven ones stay. */
    public void close() {
        closed = true;
        try {
            instrumentation.removeTransformer(this);
        } catch (RuntimeException e) {
            Log.get(HookGate.class).debug("removing the transformer: {}", e.toString());
        }
    }
}
