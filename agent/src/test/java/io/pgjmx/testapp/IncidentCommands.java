package io.pgjmx.testapp;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * TestApp's commands for an exhausted pool, with threads named as the test wants to find them again:
 *
 * <pre>
 * pool-wait FAMILY NAME SIZE WAIT_MS URL USER PASSWORD  hikari, dbcp2, tomcat-dbcp or tomcat-jdbc; getConnection
 *                                                     gives up after WAIT_MS
 * culprit NAME THREAD ROW    on a thread named THREAD: borrow, begin, update row ROW, then sit in
 *                            holdRowLockWhileCallingSlowService until release-culprits: OK pid
 * await NAME THREAD          on a thread named THREAD: getConnection (it waits while the pool is exhausted),
 *                            then give the connection back: OK
 * release-culprits           the culprits commit and give their connections back: OK count
 * </pre>
 */
final class IncidentCommands {

    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    private static int culprits;

    private IncidentCommands() {
    }

    /** The answer, or null when the command is not one of these. */
    static String run(String[] a, Map<String, DataSource> pools) throws Exception {
        switch (a[0]) {
            case "pool-wait":
                pools.put(a[2], pool(a[1], a[2], Integer.parseInt(a[3]), Integer.parseInt(a[4]), a[5], a[6],
                        a.length > 7 ? a[7] : ""));
                return a[2];
            case "culprit":
                return culprit(pools.get(a[1]), a[2], Integer.parseInt(a[3]));
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
            case "release-culprits":
                RELEASE.countDown();
                return String.valueOf(culprits);
            default:
                return null;
        }
    }

    private static String culprit(DataSource ds, String threadName, int row) throws Exception {
        CompletableFuture<Integer> pid = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("update pgjmx_it set v = v + 1 where id = " + row);
                }
                pid.complete(c.unwrap(PGConnection.class).getBackendPID());
                holdRowLockWhileCallingSlowService();
                c.commit();
            } catch (Exception e) {
                pid.completeExceptionally(e);
            }
        }, threadName);
        t.setDaemon(true);
        t.start();
        culprits++;
        return String.valueOf(pid.get(30, TimeUnit.SECONDS));
    }

    /** The frame an operator must find: the application's code that keeps a transaction open. */
    static void holdRowLockWhileCallingSlowService() throws InterruptedException {
        RELEASE.await();
    }

    private static DataSource pool(String family, String name, int size, int waitMillis, String url, String user,
            String password) {
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
            case "dbcp2": {
                org.apache.commons.dbcp2.BasicDataSource ds = new org.apache.commons.dbcp2.BasicDataSource();
                ds.setUrl(url);
                ds.setUsername(user);
                ds.setPassword(password);
                ds.setInitialSize(size);
                ds.setMaxTotal(size);
                ds.setMaxIdle(size);
                ds.setMaxWait(Duration.ofMillis(waitMillis));
                return ds;
            }
            case "tomcat-dbcp": {
                org.apache.tomcat.dbcp.dbcp2.BasicDataSource ds = new org.apache.tomcat.dbcp.dbcp2.BasicDataSource();
                ds.setUrl(url);
                ds.setUsername(user);
                ds.setPassword(password);
                ds.setInitialSize(size);
                ds.setMaxTotal(size);
                ds.setMaxIdle(size);
                ds.setMaxWait(Duration.ofMillis(waitMillis));
                return ds;
            }
            case "tomcat-jdbc": {
                org.apache.tomcat.jdbc.pool.DataSource ds = new org.apache.tomcat.jdbc.pool.DataSource();
                ds.setName(name);
                ds.setUrl(url);
                ds.setUsername(user);
                ds.setPassword(password);
                ds.setInitialSize(size);
                ds.setMinIdle(size);
                ds.setMaxIdle(size);
                ds.setMaxActive(size);
                ds.setMaxWait(waitMillis);
                return ds;
            }
            default:
                throw new IllegalArgumentException("unknown pool family " + family + "; valid: hikari, dbcp2, "
                        + "tomcat-dbcp, tomcat-jdbc");
        }
    }
}
