package io.pgjmx.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Polls a condition that becomes true asynchronously, up to a limit, and fails naming what was awaited. Not a
 * timing assertion: the limit is generous and only bounds a wait that would otherwise never end.
 */
public final class Eventually {

    private static final long POLL_MILLIS = 50;

    private Eventually() {
    }

    public static void that(Duration limit, Callable<Boolean> condition, String what) throws Exception {
        that(limit, condition, () -> what);
    }

    /** The same, with a reason made when the wait fails: it may show the last state seen. */
    public static void that(Duration limit, Callable<Boolean> condition, Supplier<String> what) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new AssertionError("timed out waiting for: " + what.get() + (last != null ? " (last error: " + last + ")" : ""));
    }
}
