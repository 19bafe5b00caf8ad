package io.pgjmx.agent.instrument;

import io.pgjmx.agent.log.Log;
import io.pgjmx.bridge.PgjmxBridge;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.slf4j.Logger;

/**
 * The agent's one class file transformer. For each class the JVM loads it makes one hash lookup of the
 * class's name in the {@link HookTable}; only the few classes named there are read and rewritten, with
 * Byte Buddy's copy of ASM.
 *
 * <p>Written on ASM rather than with Byte Buddy's {@code AgentBuilder} and {@code Advice} for the start-up
 * budget: those load some 1,100 classes and describe every instrumented type through a type pool, which
 * cost a short-lived process about 0.6 s of wall time, a second of CPU and 40 MiB before and after
 * {@code main} (examples/README.md). What the agent injects is only ever a static call with values at hand
 * ({@link Hook}), which needs ASM's reader, writer and one method visitor: about 20 classes.
 *
 * <p>A class is rewritten only where the injected call can link: its class loader must see the bridge (the
 * bootstrap copy; a loader that hides it, as some module systems do, is left alone and logged), and a named
 * module is given a read edge to the bridge's module first. Anything that fails is logged and the class is
 * loaded as it was.
 */
final class Weaver implements ClassFileTransformer {

    private static final Logger LOG = Log.get(Weaver.class);
    /** Enough to load and run every path; the JIT needs far more than a warm-up could spend. */
    private static final int WARM_UP_ROUNDS = 2;

    private final HookTable table;
    private final Instrumentation instrumentation;
    /** Class loaders already asked whether they see the bridge (weakly: a web app's loader goes with it). */
    private final Map<ClassLoader, Boolean> seesBridge = new WeakHashMap<>();
    /**
     * The classes woven as they were defined, by class loader (weakly) and internal name: the retransformation
     * that follows a start leaves them alone. The bootstrap loader's are under {@link #BOOT}.
     */
    private final Map<Object, Set<String>> wovenAtLoad = new WeakHashMap<>();
    private static final Object BOOT = new Object();

    Weaver(HookTable table, Instrumentation instrumentation) {
        this.table = table;
        this.instrumentation = instrumentation;
    }

    Set<String> classNames() {
        return table.classNames();
    }

    boolean wovenAtLoad(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        synchronized (wovenAtLoad) {
            Set<String> names = wovenAtLoad.get(loader != null ? loader : BOOT);
            return names != null && names.contains(type.getName().replace('.', '/'));
        }
    }

    private void wovenAtLoad(ClassLoader loader, String internalName) {
        synchronized (wovenAtLoad) {
            Object key = loader != null ? loader : BOOT;
            Set<String> names = wovenAtLoad.get(key);
            if (names == null) {
                names = new java.util.HashSet<>(4);
                wovenAtLoad.put(key, names);
            }
            names.add(internalName);
        }
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
            ProtectionDomain domain, byte[] bytes) {
        if (className == null) {
            return null;
        }
        List<HookTable.Point> points = table.pointsOf(className);
        if (points == null) {
            return null;
        }
        try {
            if (!linksToBridge(module, loader, className)) {
                return null;
            }
            byte[] woven = weave(bytes, points);
            if (woven != null && redefined == null) {
                wovenAtLoad(loader, className);
            }
            if (woven != null) {
                LOG.debug("instrumented {}{}", className.replace('/', '.'), redefined != null ? " (retransformed)" : "");
            }
            return woven;
        } catch (Throwable t) {
            LOG.warn("could not instrument {}: {}; it runs as it is", className.replace('/', '.'), t.toString());
            return null;
        }
    }

    /** The class with its hooks, or null when none of its methods has one. */
    static byte[] weave(byte[] bytes, List<HookTable.Point> points) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, 0);
        HookingVisitor visitor = new HookingVisitor(writer, points);
        reader.accept(visitor, ClassReader.EXPAND_FRAMES);
        return visitor.hooked > 0 ? writer.toByteArray() : null;
    }

    /**
     * Weaves {@code sample}, the class file of {@link WarmUpSample}, with a hook of every kind, and throws the
     * result away: on the agent's start thread, so that ASM's classes are loaded and its paths have run before
     * the application's first pool class is woven on the application's thread. Failures are of no consequence.
     */
    static void warmUp(byte[] sample) {
        try {
            String sampleClass = WarmUpSample.class.getName();
            HookTable table = new HookTable()
                    .add(sampleClass, MethodMatch.noArgs("close"), PoolHooks.CLOSED)
                    .add(sampleClass, MethodMatch.named("getConnection"), PoolHooks.USED,
                            Hook.onEnter("enterConnectionCreation", Hook.Value.field("pool")),
                            Hook.onReturn("borrowed", Hook.Value.RETURNED),
                            Hook.onThrow("connectionRefused", Hook.Value.THIS, Hook.Value.THROWN))
                    .add(sampleClass, MethodMatch.constructor(1), Hook.onExit("dataSourceUsed", Hook.Value.argument(0)))
                    .add(sampleClass, MethodMatch.named("create"), Hook.onEnter("returned", Hook.Value.argument(0)));
            List<HookTable.Point> points = table.pointsOf(sampleClass.replace('.', '/'));
            for (int i = 0; i < WARM_UP_ROUNDS; i++) {
                weave(sample, points);
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("warming up the weaver: {}", e.toString());
        }
    }

    private boolean linksToBridge(Module module, ClassLoader loader, String className) {
        if (loader != null && !seesBridge(loader)) {
            LOG.warn("{} is not instrumented: its class loader {} does not see the agent's bootstrap classes "
                    + "(io.pgjmx.bridge); its DataSources are not found", className.replace('/', '.'), loader);
            return false;
        }
        Module bridge = PgjmxBridge.class.getModule();
        if (module != null && module.isNamed() && !module.canRead(bridge)) {
            instrumentation.redefineModule(module, Set.of(bridge), Map.of(), Map.of(), Set.of(), Map.of());
        }
        return true;
    }

    private boolean seesBridge(ClassLoader loader) {
        synchronized (seesBridge) {
            Boolean sees = seesBridge.get(loader);
            if (sees == null) {
                try {
                    sees = Class.forName(PgjmxBridge.class.getName(), false, loader) == PgjmxBridge.class;
                } catch (ClassNotFoundException | LinkageError e) {
                    sees = false;
                }
                seesBridge.put(loader, sees);
            }
            return sees;
        }
    }

    /** Copies the class, handing each method with hooks to a {@link HookedMethod}. */
    private static final class HookingVisitor extends ClassVisitor {
        private final List<HookTable.Point> points;
        /** Fields come before methods in a class file: a hook may read one the class declares. */
        private final Map<String, String> fields = new HashMap<>();
        private String owner;
        int hooked;

        HookingVisitor(ClassWriter writer, List<HookTable.Point> points) {
            super(Opcodes.ASM9, writer);
            this.points = points;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                String[] interfaces) {
            owner = name;
            super.visit(version, access, name, signature, superName, interfaces);
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            if ((access & Opcodes.ACC_STATIC) == 0) {
                fields.put(name, descriptor);
            }
            return super.visitField(access, name, descriptor, signature, value);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            MethodVisitor target = super.visitMethod(access, name, descriptor, signature, exceptions);
            // a bridge method only calls the real one, which has the hooks
            if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_BRIDGE)) != 0) {
                return target;
            }
            List<Hook> hooks = HookTable.hooksOf(points, name, descriptor);
            if (hooks.isEmpty()) {
                return target;
            }
            HookedMethod method = new HookedMethod(target, owner, access, name, descriptor, hooks, fields);
            if (!method.hasHooks()) {
                return target;
            }
            hooked++;
            return method;
        }
    }
}
