package io.pgjmx.testapp;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Transactions held open by threads of their own, as a request thread that forgot to commit would: the
 * thread borrows in {@link #borrowForPgjmxTest}, locks rows, and then sits in
 * {@link #holdsTransactionOpenForPgjmxTest} until released. The distinctive method names are what the
 * tests look for in the holder's stacks.
 *
 * <pre>
 * culprit NAME ROWS   a thread "holder-NAME" borrows from pool NAME, updates rows 1..ROWS of pgjmx_it and
 *                     keeps the transaction open: OK pid
 * release NAME        that thread commits and gives the connection back to the pool: OK pid
 * </pre>
 */
final class HeldTransactions {

    private static final Map<String, CountDownLatch> RELEASES = new ConcurrentHashMap<>();
    private static final Map<String, Thread> THREADS = new ConcurrentHashMap<>();
    private static final Map<String, Integer> PIDS = new ConcurrentHashMap<>();

    private HeldTransactions() {
    }

    static String culprit(DataSource ds, String name, int rows) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        SynchronousQueue<String> started = new SynchronousQueue<>();
        Thread t = new Thread(() -> {
            try (Connection c = borrowForPgjmxTest(ds)) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("update pgjmx_it set v = v + 1 where id <= " + rows);
                }
                int pid = c.unwrap(PGConnection.class).getBackendPID();
                started.put(String.valueOf(pid));
                holdsTransactionOpenForPgjmxTest(release);
                c.commit();
            } catch (Exception e) {
                started.offer("ERR " + e);
            }
        }, "holder-" + name);
        t.setDaemon(true);
        RELEASES.put(name, release);
        THREADS.put(name, t);
        t.start();
        String answer = started.poll(30, TimeUnit.SECONDS);
        if (answer == null || answer.startsWith("ERR")) {
            throw new IllegalStateException("culprit " + name + " did not start: " + answer);
        }
        PIDS.put(name, Integer.parseInt(answer));
        return answer;
    }

    static String release(String name) throws InterruptedException {
        RELEASES.remove(name).countDown();
        Thread t = THREADS.remove(name);
        t.join(TimeUnit.SECONDS.toMillis(30));
        if (t.isAlive()) {
            throw new IllegalStateException("holder-" + name + " did not finish");
        }
        return String.valueOf(PIDS.remove(name));
    }

    private static Connection borrowForPgjmxTest(DataSource ds) throws Exception {
        return ds.getConnection();
    }

    private static void holdsTransactionOpenForPgjmxTest(CountDownLatch release) throws InterruptedException {
        release.await();
    }
}
