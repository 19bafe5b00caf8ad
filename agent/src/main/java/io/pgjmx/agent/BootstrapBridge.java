package io.pgjmx.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Defines {@code io.pgjmx.bridge} in the bootstrap class loader, so advice inlined into classes of any class
 * loader resolves it. Must run before anything in the agent's own loader touches the bridge: parent-first
 * delegation then finds the bootstrap copy, and there is exactly one.
 *
 * <p>The classes are defined directly (see {@link BootstrapDefiner}) rather than by appending a jar to the
 * bootstrap search path, which makes HotSpot print a warning on the host's console and turns off class data
 * sharing for the application's classes; and without {@code sun.misc.Unsafe}, whose use JDK 24+ reports on
 * the console too. The append remains the fallback.
 */
final class BootstrapBridge {

    /** Every class of the bridge's package (BootstrapBridgeTest); the interface first: defining a class may link against it. */
    static final String[] CLASSES = {"io.pgjmx.bridge.PgjmxBridge$Sink", "io.pgjmx.bridge.BorrowSlot",
        "io.pgjmx.bridge.PgjmxBridge", "io.pgjmx.bridge.PgjmxBridge$Ignoring"};
    private static final String DEFINER = "io.pgjmx.agent.BootstrapDefiner";

    private BootstrapBridge() {
    }

    /** Once per JVM; synchronized, for the start thread and the first hooked class may both ask. */
    static synchronized void inject(Instrumentation instrumentation) throws IOException {
        if (alreadyThere()) {
            return;
        }
        String[] names = Arrays.copyOf(CLASSES, CLASSES.length + 1);
        names[CLASSES.length] = DEFINER;
        byte[][] read = AgentJar.classBytes(names);
        byte[][] classes = Arrays.copyOf(read, CLASSES.length);
        try {
            defineDirectly(instrumentation, classes, read[CLASSES.length]);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // fall back to the bootstrap search path below
        }
        if (!alreadyThere()) {
            appendJar(instrumentation, classes);
        }
    }

    private static void defineDirectly(Instrumentation instrumentation, byte[][] classes, byte[] definerBytes)
            throws ReflectiveOperationException {
        IsolatedLoader loader = new IsolatedLoader();
        Class<?> definer = loader.define(DEFINER, definerBytes);
        instrumentation.redefineModule(Object.class.getModule(), Set.of(),
                Map.of("jdk.internal.misc", Set.of(definer.getModule())), Map.of(), Set.of(), Map.of());
        definer.getMethod("define", String[].class, byte[][].class).invoke(null, CLASSES, classes);
    }

    /** A loader of its own, so that only its module is granted access to jdk.internal.misc. */
    private static final class IsolatedLoader extends ClassLoader {
        IsolatedLoader() {
            super("pgjmx-bootstrap-definer", null);
        }

        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }

    private static void appendJar(Instrumentation instrumentation, byte[][] classes) throws IOException {
        Path jar = Files.createTempFile("pgjmx-bridge-", ".jar");
        jar.toFile().deleteOnExit();
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out)) {
            for (int i = 0; i < CLASSES.length; i++) {
                jarOut.putNextEntry(new JarEntry(CLASSES[i].replace('.', '/') + ".class"));
                jarOut.write(classes[i]);
                jarOut.closeEntry();
            }
        }
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
    }

    private static boolean alreadyThere() {
        try {
            Class.forName("io.pgjmx.bridge.PgjmxBridge", false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
