package io.pgjmx.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The JDKs the tests can run JVMs on: the one running the tests, and another major version when the machine
 * has one, given by {@code -Dpgjmx.test.otherJdk=JAVA_HOME} or {@code PGJMX_TEST_OTHER_JDK}, or found under
 * {@code /usr/lib/jvm}. Tests that need a second JDK are skipped without one.
 */
public final class Jdks {

    private Jdks() {
    }

    public static Path current() {
        return java(Path.of(System.getProperty("java.home")));
    }

    public static int currentMajor() {
        return Runtime.version().feature();
    }

    public static Optional<Path> other() {
        String given = System.getProperty("pgjmx.test.otherJdk", System.getenv("PGJMX_TEST_OTHER_JDK"));
        if (given != null && !given.isBlank()) {
            return Optional.of(java(Path.of(given)));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            List<Path> candidates = homes.filter(h -> Files.isExecutable(java(h)) && Files.isRegularFile(h.resolve("release")))
                    .filter(h -> major(h) >= 17 && major(h) != currentMajor())
                    .sorted(Comparator.comparingInt(Jdks::major).reversed())
                    .collect(Collectors.toList());
            return candidates.stream().findFirst().map(Jdks::java);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The major version of the JDK whose {@code bin/java} is given. */
    public static int majorOf(Path java) {
        return major(java.getParent().getParent());
    }

    private static Path java(Path home) {
        return home.resolve("bin").resolve("java");
    }

    /** From the JDK's release file: JAVA_VERSION="25.0.1" or "17.0.15". */
    private static int major(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(v.split("[.+-]")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not a JDK we can use
        }
        return -1;
    }
}
