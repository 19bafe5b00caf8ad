package io.pgjmx.it;

import io.pgjmx.testing.AgentJvm;
import io.pgjmx.testing.Jdks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code java -jar pgjmx-agent.jar ARGS} as an operator would, and keeps what it printed. */
final class AttachLauncher {

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private AttachLauncher() {
    }

    static Result run(String... args) throws Exception {
        return run(Jdks.current(), List.of(), args);
    }

    /** With these variables added to the command's environment, in {@code dir} (null: the test's own). */
    static Result run(Map<String, String> environment, Path dir, String... args) throws Exception {
        return run(Jdks.current(), List.of(), environment, dir, args);
    }

    /** {@code prefix} goes before java, e.g. setpriv to run as another user. */
    static Result run(Path java, List<String> prefix, String... args) throws Exception {
        return run(java, prefix, Map.of(), null, args);
    }

    private static Result run(Path java, List<String> prefix, Map<String, String> environment, Path dir,
            String... args) throws Exception {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(java.toString());
        cmd.add("-jar");
        cmd.add(AgentJvm.agentJar().toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(environment);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Process p = pb.start();
        // both streams are small; read them on threads so neither can fill up and stall the process
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        Thread o = drain(p.getInputStream(), out);
        Thread e = drain(p.getErrorStream(), err);
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the attach command did not end: " + cmd);
        }
        o.join();
        e.join();
        return new Result(p.exitValue(), out.toString(), err.toString());
    }

    private static Thread drain(java.io.InputStream in, StringBuilder into) {
        Thread t = new Thread(() -> {
            try {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                synchronized (into) {
                    into.append(text);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        t.start();
        return t;
    }
}
