package io.pgjmx.testapp;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;

/**
 * TestApp's commands for an exhausted pool, with threads named as the test wants to find them again:
 *
 * <pre>
 * pool-wait FAMILY NAME SIZE WAIT_MS URL USER PASSWORD  hikari, dbcp2, tomcat-dbcp or tomcat-jdbc; getConnection
 *                                                     gives up after WAIT_MS
 * await NAME THREAD          on a thread named THREAD: getConnection (it waits while the pool is exhausted),
 *                            then give the connection back: OK
 * row-culprit NAME THREAD ROW  on a thread THREAD: borrow, begin, update row ROW of console_locks, then sit in
 *                            holdsRowLockForConsoleTest: OK pid
 * row-victim NAME THREAD ROW   on a thread THREAD: borrow, update row ROW (waits for the culprit): OK pid
 * </pre>
 * The culprit that holds a transaction open is {@link HeldTransactions}'s.
 */
final class IncidentCommands {

    private IncidentCommands() {
    }

    /** The answer, or null when the command is not one of these. */
    static String run(String[] a, Map<String, DataSource> pools) throws Exception {
        switch (a[0]) {
            case "pool-wait":
                pools.put(a[2], pool(a[1], a[2], Integer.parseInt(a[3]), Integer.parseInt(a[4]), a[5], a[6],
                        a.length > 7 ? a[7] : ""));
                return a[2];
            case "row-culprit":
                return onThread(pools.get(a[1]), a[2], Integer.parseInt(a[3]), true);
            case "row-victim":
                return onThread(pools.get(a[1]), a[2], Integer.parseInt(a[3]), false);
            case "await": {
                DataSource ds = pools.get(a[1]);
                Thread t = new Thread(() -> {
                    try (Connection c = ds.getConnection()) {
                        c.isValid(1);
                    } catch (SQLException e) {
                        System.out.println("AWAIT " + Thread.currentThread().getName() + " " + e.getMessage());
                    }
                }, a[2]);
                t.setDaemon(true);
                t.start();
                return a[2];
            }
            default:
                return null;
        }
    }

    private static DataSource pool(String family, String name, int size, int waitMillis, String url, String user,
            String password) throws SQLException {
        switch (family) {
            case "hikari": {
                HikariConfig c = new HikariConfig();
                c.setPoolName(name);
                c.setMaximumPoolSize(size);
                c.setMinimumIdle(size);
                c.setConnectionTimeout(waitMillis);
                c.setJdbcUrl(url);
                c.setUsername(user);
                c.setPassword(password);
                return new HikariDataSource(c);
            }
            case "dbcp2", "tomcat-dbcp", "tomcat-jdbc": {
                // the families' usual set-up, and how long a borrow waits before it gives up
                DataSource ds = Pools.create(family, name, size, url, user, password);
                if (ds instanceof org.apache.commons.dbcp2.BasicDataSource d) {
                    d.setMaxWait(Duration.ofMillis(waitMillis));
                } else if (ds instanceof org.apache.tomcat.dbcp.dbcp2.BasicDataSource d) {
                    d.setMaxWait(Duration.ofMillis(waitMillis));
                } else {
                    ((org.apache.tomcat.jdbc.pool.DataSource) ds).setMaxWait(waitMillis);
                }
                return ds;
            }
            default:
                throw new IllegalArgumentException("unknown pool family " + family + "; valid: hikari, dbcp2, "
                        + "tomcat-dbcp, tomcat-jdbc");
        }
    }

    /** Borrows and updates one row on a thread of that name; the culprit then keeps its transaction open. */
    private static String onThread(DataSource ds, String name, int row, boolean culprit) throws Exception {
        java.util.concurrent.CompletableFuture<Integer> pid = new java.util.concurrent.CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                int backend = c.unwrap(org.postgresql.PGConnection.class).getBackendPID();
                if (!culprit) {
                    pid.complete(backend); // before the update, which waits for the culprit
                }
                try (java.sql.Statement s = c.createStatement()) {
                    s.executeUpdate("update console_locks set v = v + 1 where id = " + row);
                }
                if (culprit) {
                    // only once the row is locked: a victim started after this answer must wait for it (answered
                    // before the update, a slow culprit let the victim take the row first and never block)
                    pid.complete(backend);
                    holdsRowLockForConsoleTest();
                }
                c.commit();
            } catch (Exception e) {
                pid.completeExceptionally(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return String.valueOf(pid.get(30, java.util.concurrent.TimeUnit.SECONDS));
    }

    /** The frame the console's explain must show: the application's code that keeps the transaction open. */
    private static void holdsRowLockForConsoleTest() throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE);
    }
}
