package io.pgjmx.console.it;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** Polls a condition that becomes true asynchronously; fails with what was awaited. Not a timing assertion. */
final class Eventually {

    private Eventually() {
    }

    static void that(Duration limit, Callable<Boolean> condition, String what) throws Exception {
        that(limit, condition, () -> what);
    }

    /** The same, with a description made when the wait fails: it may show the last state seen. */
    static void that(Duration limit, Callable<Boolean> condition, Supplier<String> what) throws Exception {
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
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for: " + what.get() + (last != null ? " (last error: " + last + ")" : ""));
    }
}
