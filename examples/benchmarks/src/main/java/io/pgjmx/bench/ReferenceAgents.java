package io.pgjmx.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The floors under any Java agent, as rows of {@link StartupCostMain}: {@link Empty} is a {@code premain} that
 * returns at once (what the JVM's own {@code -javaagent} handling costs: it turns off the archived module graph,
 * among others), {@link TransformerOnly} registers a class file transformer that changes nothing (what the JVM
 * then pays for every class it loads). Each is given as a jar that holds only a manifest: the classes are found
 * on the benchmark's class path, which the agent's own jar is appended to.
 */
public final class ReferenceAgents {

    private ReferenceAgents() {
    }

    /** An agent that does nothing. */
    public static final class Empty {
        private Empty() {
        }

        public static void premain(String args, Instrumentation instrumentation) {
            // nothing: the JVM's own cost of an agent
        }
    }

    /** An agent that only registers a transformer returning null for every class, as pgjmx's gate does for all but ~25. */
    public static final class TransformerOnly {
        private TransformerOnly() {
        }

        public static void premain(String args, Instrumentation instrumentation) {
            instrumentation.addTransformer(new ClassFileTransformer() { }, true);
        }
    }

    /** A jar in a temporary folder whose manifest names {@code agent}'s premain; deleted at exit. */
    static Path jar(Class<?> agent) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", agent.getName());
        manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
        Path jar = Files.createTempFile("pgjmx-bench-" + agent.getSimpleName(), ".jar");
        jar.toFile().deleteOnExit();
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
            j.flush();
        }
        return jar;
    }
}
