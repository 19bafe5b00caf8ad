package io.pgjmx.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import net.bytebuddy.dynamic.loading.ClassInjector;

/**
 * Defines {@code io.pgjmx.bridge} in the bootstrap class loader, so advice inlined into classes of any class
 * loader resolves it. Must run before anything in the agent's own loader touches the bridge: parent-first
 * delegation then finds the bootstrap copy, and there is exactly one.
 *
 * <p>The classes are defined directly (Byte Buddy's Unsafe injector, opened through the Instrumentation)
 * rather than by appending a jar to the bootstrap search path: the append makes HotSpot print a warning on
 * the host's console and turns off class data sharing for the application's classes. The append is the
 * fallback when direct definition is not possible.
 */
final class BootstrapBridge {

    private static final String[] CLASSES = {"io.pgjmx.bridge.PgjmxBridge", "io.pgjmx.bridge.PgjmxBridge$Sink"};

    private BootstrapBridge() {
    }

    static void inject(Instrumentation instrumentation) throws IOException {
        if (alreadyThere()) {
            return;
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (String name : CLASSES) {
            classes.put(name, bytes(name));
        }
        try {
            ClassInjector.UsingUnsafe.Factory factory = ClassInjector.UsingUnsafe.Factory.resolve(instrumentation);
            if (factory.isAvailable()) {
                factory.make(null, null).injectRaw(classes);
                if (alreadyThere()) {
                    return;
                }
            }
        } catch (RuntimeException | LinkageError e) {
            // fall back to the bootstrap search path below
        }
        appendJar(instrumentation, classes);
    }

    private static byte[] bytes(String className) throws IOException {
        String resource = className.replace('.', '/') + ".class";
        try (InputStream in = BootstrapBridge.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is missing from the agent jar");
            }
            return in.readAllBytes();
        }
    }

    private static void appendJar(Instrumentation instrumentation, Map<String, byte[]> classes) throws IOException {
        Path jar = Files.createTempFile("pgjmx-bridge-", ".jar");
        jar.toFile().deleteOnExit();
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : classes.entrySet()) {
                jarOut.putNextEntry(new JarEntry(e.getKey().replace('.', '/') + ".class"));
                jarOut.write(e.getValue());
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
