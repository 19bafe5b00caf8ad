package io.pgjmx.console.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A pseudo-terminal to run the console in: a tmux server of the test's own (its own socket name), so keys can
 * be sent and the screen read back, and nothing else's tmux is touched.
 */
final class Tmux implements AutoCloseable {

    private final String socket = "pgjmx-console-it-" + ProcessHandle.current().pid();

    static boolean installed() {
        try {
            return new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Starts {@code shellCommand} in a new detached session of the given size. */
    void start(String session, int width, int height, String shellCommand) throws Exception {
        run("new-session", "-d", "-s", session, "-x", String.valueOf(width), "-y", String.valueOf(height), shellCommand);
    }

    /** Keys as tmux names them: "j", "Down", "q", ... */
    void keys(String session, String... keys) throws Exception {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
        args.addAll(List.of(keys));
        run(args.toArray(String[]::new));
    }

    void resize(String session, int width, int height) throws Exception {
        run("resize-window", "-t", session, "-x", String.valueOf(width), "-y", String.valueOf(height));
    }

    String screen(String session) throws Exception {
        return run("capture-pane", "-p", "-t", session);
    }

    private String run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("tmux " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        new ProcessBuilder("tmux", "-L", socket, "kill-server").redirectErrorStream(true).start().waitFor(30,
                TimeUnit.SECONDS);
    }
}
