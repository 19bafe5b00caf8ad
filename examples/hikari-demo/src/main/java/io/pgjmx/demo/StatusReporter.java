package io.pgjmx.demo;

import com.zaxxer.hikari.HikariPoolMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Every few seconds: what the workload achieved and what Hikari's own MXBean says about the pool. */
final class StatusReporter {
    static final int INTERVAL_SECONDS = 5;

    private final Workload workload;
    private final HikariPoolMXBean pool;
    private final String poolName;
    private final Incident incident;
    private final boolean quiet;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "demo-status");
        thread.setDaemon(true);
        return thread;
    });

    StatusReporter(Workload workload, HikariPoolMXBean pool, String poolName, Incident incident, boolean quiet) {
        this.workload = workload;
        this.pool = pool;
        this.poolName = poolName;
        this.incident = incident;
        this.quiet = quiet;
    }

    void start() {
        timer.scheduleAtFixedRate(this::report, INTERVAL_SECONDS, INTERVAL_SECONDS, TimeUnit.SECONDS);
    }

    void stop() {
        timer.shutdownNow();
    }

    /** For 'status': the pool and the incident right now, without consuming the interval's counts. */
    void printNow() {
        Out.line(poolLine());
        String summary = incident.summary();
        Out.line(summary.isEmpty() ? "incident: none (type 'incident' to start one)" : summary);
    }

    private void report() {
        try {
            Workload.Counts counts = workload.takeCounts();
            // one line per interval instead of a stack trace per failed getConnection
            if (counts.timeouts() > 0) {
                Out.line("getConnection timed out: pool exhausted (" + counts.timeouts() + "x in the last "
                        + INTERVAL_SECONDS + " s)");
            }
            if (counts.errors() > 0) {
                Out.line("workload errors: " + counts.errors() + ", last: " + counts.lastError());
            }
            if (!quiet) {
                Out.line("ok=" + counts.ok() + " timeouts=" + counts.timeouts() + " errors=" + counts.errors()
                        + " | " + poolLine());
            }
        } catch (RuntimeException e) {
            // a failing report must not cancel the schedule
            Out.line("status report failed: " + e);
        }
    }

    private String poolLine() {
        return "pool " + poolName + ": active=" + pool.getActiveConnections() + " idle=" + pool.getIdleConnections()
                + " waiting=" + pool.getThreadsAwaitingConnection() + " total=" + pool.getTotalConnections();
    }
}
