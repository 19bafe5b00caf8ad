package io.pgjmx.agent.holder;

import io.pgjmx.bridge.PgjmxBridge;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The time a borrow records: a daemon thread of its own puts {@link System#nanoTime()} into the bridge every
 * {@link #PERIOD_NANOS}, so that the borrowing thread reads a field instead of the clock (see
 * {@code PgjmxBridge.clockNanos}). A thread of its own, not the agent's executor, so that slow discovery work
 * there never makes the recorded times stale. A borrow's time is therefore early by at most the period.
 */
public final class BorrowClock {

    public static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private BorrowClock() {
    }

    public static void start() {
        PgjmxBridge.tick(System.nanoTime());
        Thread t = new Thread(() -> {
            while (true) {
                LockSupport.parkNanos(PERIOD_NANOS);
                PgjmxBridge.tick(System.nanoTime());
            }
        }, "pgjmx-clock");
        t.setDaemon(true);
        t.start();
    }
}
