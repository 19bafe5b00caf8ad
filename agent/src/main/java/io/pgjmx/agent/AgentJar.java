package io.pgjmx.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Class files of the agent's own, as bytes, without loading the classes. Read straight from the agent's jar:
 * the class loader's resource lookup builds and opens a {@code jar:} URL, which costs a fresh JVM some 6 ms
 * against under 1 ms here. Not from a jar (an IDE's classes folder): through the class loader.
 */
final class AgentJar {

    private AgentJar() {
    }

    static byte[][] classBytes(String... names) throws IOException {
        byte[][] classes = new byte[names.length][];
        Path jar = agentJar();
        if (jar != null) {
            try (JarFile file = new JarFile(jar.toFile())) {
                for (int i = 0; i < names.length; i++) {
                    JarEntry entry = file.getJarEntry(resource(names[i]));
                    if (entry == null) {
                        throw new IOException(resource(names[i]) + " is missing from " + jar);
                    }
                    try (InputStream in = file.getInputStream(entry)) {
                        classes[i] = in.readAllBytes();
                    }
                }
            }
            return classes;
        }
        for (int i = 0; i < names.length; i++) {
            classes[i] = bytes(names[i]);
        }
        return classes;
    }

    private static Path agentJar() {
        try {
            Path p = Path.of(AgentJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) ? p : null;
        } catch (RuntimeException | java.net.URISyntaxException e) {
            return null;
        }
    }

    private static String resource(String className) {
        return className.replace('.', '/') + ".class";
    }

    private static byte[] bytes(String className) throws IOException {
        String resource = resource(className);
        try (InputStream in = AgentJar.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is missing from the agent jar");
            }
            return in.readAllBytes();
        }
    }
}
