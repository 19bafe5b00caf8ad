package io.pgjmx.it;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls a condition that becomes true asynchronously; fails with what was awaited. Not a timing assertion. */
final class Eventually {

    private Eventually() {
    }

    static void that(Duration limit, Callable<Boolean> condition, String what) throws Exception {
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
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for: " + what + (last != null ? " (last error: " + last + ")" : ""));
    }
}
