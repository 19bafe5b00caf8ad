package io.pgjmx.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/** The application's normal traffic: short transfers between accounts, counted rather than logged. */
final class Workload {
    private final DataSource dataSource;
    private final List<Thread> workers = new ArrayList<>();
    private final LongAdder ok = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private volatile boolean running = true;

    Workload(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Counts since the previous call; the status line shows what happened in its interval. */
    record Counts(long ok, long timeouts, long errors, String lastError) {
    }

    void start(int threads) {
        for (int i = 1; i <= threads; i++) {
            Thread worker = new Thread(this::work, "demo-worker-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    Counts takeCounts() {
        return new Counts(ok.sumThenReset(), timeouts.sumThenReset(), errors.sumThenReset(), lastError.getAndSet(null));
    }

    void stop() {
        running = false;
        workers.forEach(Thread::interrupt);
        for (Thread worker : workers) {
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void work() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                transfer(connection);
                ok.increment();
            } catch (SQLTransientConnectionException e) {
                timeouts.increment();
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                errors.increment();
                lastError.set(Out.firstLine(e.getMessage()));
            }
            pause();
        }
    }

    private static void transfer(Connection connection) throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int from = random.nextInt(AccountsTable.HOT_ROW + 1, AccountsTable.ROWS + 1);
        int to = from;
        while (to == from) {
            to = random.nextInt(AccountsTable.HOT_ROW + 1, AccountsTable.ROWS + 1);
        }
        // lower id first: two workers moving money in opposite directions must not deadlock
        int first = Math.min(from, to);
        int second = Math.max(from, to);
        connection.setAutoCommit(false);
        try {
            int amount = Math.min(balance(connection, from), random.nextInt(1, 10));
            addTo(connection, first, first == from ? -amount : amount);
            addTo(connection, second, second == from ? -amount : amount);
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly(connection);
            throw e;
        }
    }

    private static int balance(Connection connection, int id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select balance from accounts where id = ?")) {
            statement.setInt(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private static void addTo(Connection connection, int id, int amount) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "update accounts set balance = balance + ? where id = ?")) {
            statement.setInt(1, amount);
            statement.setInt(2, id);
            statement.executeUpdate();
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; Hikari evicts it when it's closed
        }
    }

    private void pause() {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(20, 100));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
