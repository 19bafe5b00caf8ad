package io.pgjmx.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * The classic production incident: one connection updates a row and then sits "idle in transaction" (a forgotten
 * commit), every other pool connection queues behind its row lock, and the pool runs dry. It ends when the holder
 * rolls back ({@code release}) or when an operator terminates the holder's backend.
 */
final class Incident {
    private static final String HOLDER_UPDATE =
            "update accounts set balance = balance - 1 where id = " + AccountsTable.HOT_ROW;
    private static final String BLOCKED_UPDATE =
            "update accounts set balance = balance + 1 where id = " + AccountsTable.HOT_ROW;

    private final DataSource dataSource;
    private final int blockerCount;
    private Run current;

    Incident(DataSource dataSource, int blockerCount) {
        this.dataSource = dataSource;
        this.blockerCount = blockerCount;
    }

    synchronized boolean start() {
        if (inProgress()) {
            return false;
        }
        current = new Run();
        current.start();
        return true;
    }

    synchronized boolean release() {
        if (!inProgress()) {
            return false;
        }
        current.release();
        return true;
    }

    synchronized boolean inProgress() {
        return current != null && current.inProgress();
    }

    /** One line for 'status'; empty when there is no incident. */
    synchronized String summary() {
        return inProgress() ? current.summary() : "";
    }

    void stop() {
        Run run;
        synchronized (this) {
            run = current;
        }
        if (run != null) {
            run.stop();
        }
    }

    private final class Run {
        // the holder must not touch its connection while it waits: any statement would end "idle in transaction"
        // and reset state_change and query in pg_stat_activity, so it only looks once something woke it up
        private final CountDownLatch wake = new CountDownLatch(1);
        private final AtomicInteger blocked = new AtomicInteger();
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean releaseRequested;
        private volatile boolean stopping;
        private volatile boolean lockFreed;
        private volatile int holderPid;
        private volatile Instant lockedSince;

        void start() {
            spawn("demo-incident-holder", this::hold);
        }

        boolean inProgress() {
            synchronized (threads) {
                return threads.stream().anyMatch(Thread::isAlive);
            }
        }

        void release() {
            releaseRequested = true;
            wake.countDown();
        }

        void stop() {
            stopping = true;
            release();
            List<Thread> all;
            synchronized (threads) {
                all = new ArrayList<>(threads);
            }
            for (Thread thread : all) {
                try {
                    thread.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        String summary() {
            if (lockedSince == null || lockFreed || releaseRequested) {
                return "incident: ending";
            }
            long seconds = Duration.between(lockedSince, Instant.now()).toSeconds();
            return "incident: pid " + holderPid + " idle in transaction on accounts row id=" + AccountsTable.HOT_ROW
                    + " for " + seconds + " s, " + blocked.get() + " update(s) blocked behind it";
        }

        private void spawn(String name, Runnable task) {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            synchronized (threads) {
                threads.add(thread);
            }
            thread.start();
        }

        private void hold() {
            Connection connection;
            try {
                connection = dataSource.getConnection();
            } catch (SQLException e) {
                Out.line("incident could not start: " + Out.firstLine(e.getMessage()));
                return;
            }
            try {
                holderPid = backendPid(connection);
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    statement.executeUpdate(HOLDER_UPDATE);
                }
                lockedSince = Instant.now();
                Out.line("INCIDENT: pid " + holderPid + " updated accounts row id=" + AccountsTable.HOT_ROW
                        + " and now stays idle in transaction (never commits), keeping its pool connection");
                if (!stopping) {
                    for (int i = 1; i <= blockerCount; i++) {
                        spawn("demo-incident-blocked-" + i, this::updateBehindHolder);
                    }
                }
                awaitWake();
                if (releaseRequested && !lockFreed) {
                    connection.rollback();
                    Out.line("incident released: pid " + holderPid + " rolled back");
                } else {
                    // someone else got the row lock, so this transaction is over; find out how
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("select 1");
                    }
                    connection.rollback();
                    Out.line("incident: pid " + holderPid + "'s transaction ended although it never committed");
                }
            } catch (SQLException e) {
                if (lockedSince == null) {
                    Out.line("incident could not start: " + Out.firstLine(e.getMessage()));
                } else {
                    Out.line("holder connection was terminated: " + Out.firstLine(e.getMessage()));
                }
            } finally {
                // a broken connection makes Hikari evict it and open a new one
                closeQuietly(connection);
            }
        }

        private void updateBehindHolder() {
            while (!stopping && !lockFreed) {
                try (Connection connection = dataSource.getConnection()) {
                    int pid = backendPid(connection);
                    Out.line("incident: pid " + pid + " runs '" + BLOCKED_UPDATE + "', queued for the row lock that pid " + holderPid + " holds");
                    blocked.incrementAndGet();
                    try (Statement statement = connection.createStatement()) {
                        statement.executeUpdate(BLOCKED_UPDATE);
                    } finally {
                        blocked.decrementAndGet();
                    }
                    Out.line("incident: pid " + pid + "'s update went through, the row lock is free again");
                    lockFreed = true;
                    wake.countDown();
                    return;
                } catch (SQLTransientConnectionException e) {
                    // the pool is exhausted (by this very incident); keep queueing like the application would
                } catch (SQLException e) {
                    if (stopping) {
                        return;
                    }
                    // an operator cancelled or terminated a victim instead of the culprit: the app just retries
                    Out.line("incident: a blocked update failed (" + Out.firstLine(e.getMessage())
                            + "); retrying in 1 s");
                    sleepQuietly(1_000);
                }
            }
        }

        private void awaitWake() {
            try {
                wake.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                releaseRequested = true;
            }
        }
    }

    private static int backendPid(Connection connection) throws SQLException {
        return connection.unwrap(PGConnection.class).getBackendPID();
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // already broken; nothing left to release
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
