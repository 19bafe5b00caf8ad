package io.pgjmx.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Which class loaders of a running JVM define a class, from {@code jcmd PID VM.class_hierarchy CLASS}:
 * each definition is a line {@code |--CLASS/LOADER} ({@code null} for the bootstrap loader).
 */
final class ClassHierarchy {

    private final long pid;

    private ClassHierarchy(long pid) {
        this.pid = pid;
    }

    static ClassHierarchy of(long pid) {
        return new ClassHierarchy(pid);
    }

    List<String> loadersOf(String className) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "VM.class_hierarchy", className)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("jcmd failed:\n" + out);
        }
        String prefix = "|--" + className + "/";
        return out.lines().map(String::trim).filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length())).collect(Collectors.toList());
    }
}
