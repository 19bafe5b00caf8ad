package io.pgjmx.console.testapp;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * The application the console's ITs look at, in its own JVM with the agent, driven line by line on stdin.
 * It knows nothing of pgjmx. Every command answers one line starting with "OK" or "ERR".
 *
 * <pre>
 * hikari NAME SIZE URL USER PASSWORD   a HikariCP pool
 * query NAME                           borrow, select pg_backend_pid(), return: OK pid
 * idle-tx NAME                         borrow, begin, select, keep the connection idle in transaction: OK pid
 * culprit NAME THREAD ROW              on a thread THREAD: borrow, begin, update row ROW of console_locks, then
 *                                      sit in holdsRowLockForConsoleTest: OK pid
 * victim NAME THREAD ROW               on a thread THREAD: borrow, update row ROW (waits for the culprit): OK pid
 * exit
 * </pre>
 */
public final class ConsoleTestApp {

    private static final Map<String, HikariDataSource> POOLS = new HashMap<>();
    private static final List<Connection> HELD = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        System.out.println("READY " + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] a = line.trim().split(" ");
            if (a[0].equals("exit")) {
                break;
            }
            try {
                System.out.println("OK " + run(a));
            } catch (Exception e) {
                System.out.println("ERR " + e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage())
                        .replace('\n', ' '));
            }
        }
        System.exit(0);
    }

    private static String run(String[] a) throws Exception {
        switch (a[0]) {
            case "hikari": {
                HikariConfig c = new HikariConfig();
                c.setPoolName(a[1]);
                c.setMaximumPoolSize(Integer.parseInt(a[2]));
                c.setMinimumIdle(1);
                c.setConnectionTimeout(2000);
                c.setJdbcUrl(a[3]);
                c.setUsername(a[4]);
                c.setPassword(a.length > 5 ? a[5] : "");
                POOLS.put(a[1], new HikariDataSource(c));
                return a[1];
            }
            case "query": {
                try (Connection c = POOLS.get(a[1]).getConnection(); Statement s = c.createStatement()) {
                    var rs = s.executeQuery("select pg_backend_pid()");
                    rs.next();
                    return String.valueOf(rs.getInt(1));
                }
            }
            case "idle-tx": {
                Connection c = POOLS.get(a[1]).getConnection();
                HELD.add(c);
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.execute("select 1");
                }
                return String.valueOf(c.unwrap(PGConnection.class).getBackendPID());
            }
            case "culprit":
                return onThread(POOLS.get(a[1]), a[2], Integer.parseInt(a[3]), true);
            case "victim":
                return onThread(POOLS.get(a[1]), a[2], Integer.parseInt(a[3]), false);
            default:
                throw new IllegalArgumentException("unknown command " + a[0]);
        }
    }

    /** Borrows and updates one row on a thread of that name; the culprit then keeps its transaction open. */
    private static String onThread(HikariDataSource ds, String name, int row, boolean culprit) throws Exception {
        java.util.concurrent.CompletableFuture<Integer> pid = new java.util.concurrent.CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                pid.complete(c.unwrap(PGConnection.class).getBackendPID());
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("update console_locks set v = v + 1 where id = " + row);
                }
                if (culprit) {
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
