package io.pgjmx.agent.attach;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Checks on the target process before the JDK's attach API is used, for messages that say what to do
 * instead of the API's bare {@code IOException}s. Where the operating system cannot answer (no {@code /proc}),
 * each check lets the attach go ahead and the API's error is mapped instead.
 */
final class TargetProcess {

    private static final long SIGQUIT_MASK = 1L << (3 - 1);

    private final long pid;
    private final ProcessHandle handle;

    private TargetProcess(long pid, ProcessHandle handle) {
        this.pid = pid;
        this.handle = handle;
    }

    static TargetProcess check(long pid) throws AttachFailure {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            throw new AttachFailure(ExitStatus.UNREACHABLE, "there is no process with PID " + pid
                    + ". List the JVMs you can attach to with: jps -l");
        }
        TargetProcess target = new TargetProcess(pid, handle.get());
        target.checkOwner();
        target.checkIsJava();
        return target;
    }

    String command() {
        return handle.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("?");
    }

    /** The JDK lets a user attach only to its own JVMs (root to any); it would say "Operation not permitted". */
    private void checkOwner() throws AttachFailure {
        Optional<Integer> theirs = uid(Path.of("/proc", Long.toString(pid)));
        Optional<Integer> mine = uid(Path.of("/proc/self"));
        if (theirs.isEmpty() || mine.isEmpty() || theirs.get().equals(mine.get()) || mine.get() == 0) {
            return;
        }
        throw otherUser(pid, handle.info().user().orElse("uid " + theirs.get()));
    }

    static AttachFailure otherUser(long pid, String owner) {
        String me = System.getProperty("user.name");
        return new AttachFailure(ExitStatus.UNREACHABLE, "PID " + pid + " belongs to user " + owner + ", not to "
                + me + "; a JVM accepts an attach only from its own user (or root). Run the command as that user: sudo -u "
                + owner + " java -jar ...");
    }

    /**
     * A HotSpot JVM handles SIGQUIT (its attach handshake and thread dumps use it). On JDK 17 the attach API
     * would otherwise wait 10 s on a process that is not Java before it gives up.
     */
    private void checkIsJava() throws AttachFailure {
        Optional<Long> caught = caughtSignals();
        if (caught.isPresent() && (caught.get() & SIGQUIT_MASK) == 0) {
            throw new AttachFailure(ExitStatus.UNREACHABLE, "PID " + pid + " (" + command()
                    + ") is not a running Java process (or one started with -Xrs, which cannot be attached to). "
                    + "List the JVMs you can attach to with: jps -l");
        }
    }

    private Optional<Long> caughtSignals() {
        try {
            List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
            for (String line : status) {
                if (line.startsWith("SigCgt:")) {
                    return Optional.of(Long.parseUnsignedLong(line.substring(7).trim(), 16));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process just ended: let the attach API decide
        }
        return Optional.empty();
    }

    private static Optional<Integer> uid(Path procEntry) {
        try {
            return Optional.of((Integer) Files.getAttribute(procEntry, "unix:uid"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
