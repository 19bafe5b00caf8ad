package io.pgjmx.agent.incident;

import io.pgjmx.agent.log.Log;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * The automatic incident snapshot: when a pool fails to hand out a connection in time, one snapshot of its
 * DataSource is written to {@code snapshotDir}, at most one per {@code snapshotInterval}, with one WARN line
 * naming the file.
 *
 * <p>{@link #refused} runs on the application's thread that got the exception: it tells the exception's kind,
 * claims the interval with one compare-and-set (of many threads failing at once, one wins) and hands the
 * work to the agent's executor. It never blocks, never logs, never touches the database; the snapshot itself
 * is taken on the agent's thread through the monitoring connection.
 */
public final class AutoSnapshots {

    private static final Logger LOG = Log.get(AutoSnapshots.class);

    private final SnapshotFiles files;
    private final long intervalNanos;
    private final Executor executor;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final AtomicBoolean offNoted = new AtomicBoolean();

    /** The interval of one DataSource: when the next snapshot may be taken, and whether a skip was logged. */
    private static final class Window {
        final AtomicLong nextNanos;
        final AtomicBoolean skipNoted = new AtomicBoolean();

        Window(long now) {
            nextNanos = new AtomicLong(now);
        }
    }

    /** The default directory, {@code pgjmx} under {@code java.io.tmpdir}, is made owner-only even when it exists. */
    public AutoSnapshots(Path dir, long intervalMillis, Executor executor) {
        Path defaultDir = Path.of(System.getProperty("java.io.tmpdir"), "pgjmx").toAbsolutePath().normalize();
        this.files = new SnapshotFiles(dir, dir.equals(defaultDir));
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        this.executor = executor;
        LOG.debug("incident snapshots: {}", intervalMillis == 0 ? "off (snapshotInterval=0)"
                : "at most one per DataSource every " + intervalMillis / 1000 + "s, into " + dir);
    }

    /** On the application's thread: {@code report}'s pool threw {@code thrown} from getConnection. */
    public void refused(IncidentReport report, Throwable thrown) {
        if (!PoolExhaustion.isExhaustion(thrown)) {
            return;
        }
        String name = report.dataSourceName();
        if (intervalNanos == 0) {
            if (offNoted.compareAndSet(false, true)) {
                submit(() -> LOG.info("DataSource {}: the pool could not hand out a connection in time; automatic "
                        + "incident snapshots are off (snapshotInterval=0)", name));
            }
            return;
        }
        long now = System.nanoTime();
        Window window = windows.computeIfAbsent(name, k -> new Window(now));
        long next = window.nextNanos.get();
        if (now - next < 0 || !window.nextNanos.compareAndSet(next, now + intervalNanos)) {
            if (window.skipNoted.compareAndSet(false, true)) {
                submit(() -> LOG.info("DataSource {}: the pool could not hand out a connection in time again; no "
                        + "new incident snapshot within snapshotInterval={}s of the last", name,
                        TimeUnit.NANOSECONDS.toSeconds(intervalNanos)));
            }
            return;
        }
        window.skipNoted.set(false);
        Trigger trigger = new Trigger(Instant.now(), Thread.currentThread().getName(), thrown);
        submit(() -> write(report, trigger));
    }

    private void write(IncidentReport report, Trigger trigger) {
        String name = report.dataSourceName();
        try {
            Path file = files.write(name, trigger.at(), report.json(trigger));
            LOG.warn("DataSource {}: the pool could not hand out a connection in time ({}); incident snapshot "
                    + "written to {}", name, trigger.thrown().getClass().getSimpleName(), file);
        } catch (Exception | LinkageError e) {
            LOG.warn("DataSource {}: the pool could not hand out a connection in time, and the incident snapshot "
                    + "could not be written to {}: {}", name, files.dir(), e.toString());
        }
    }

    private void submit(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // the agent is shutting down with the JVM
        }
    }
}
