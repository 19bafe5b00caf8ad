package io.pgjmx.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The application side of {@link AttachPauseMain}: one thread borrows and returns a connection from a warm
 * HikariCP pool in a tight loop and keeps the longest gap between two consecutive iterations, which is the
 * longest the application's thread was held up (by a safepoint for retransformation, deoptimization, GC, or
 * the advice itself). On stdin, {@code mark} prints {@code MAX nanos iterations} since the last mark.
 */
public final class AttachPauseApp {

    private static final AtomicLong MAX_GAP = new AtomicLong();
    private static final AtomicLong ITERATIONS = new AtomicLong();

    private AttachPauseApp() {
    }

    public static void main(String[] args) throws Exception {
        HikariDataSource pool = BenchSetup.pool(args, "pause-bench");
        Thread app = new Thread(() -> loop(pool), "app");
        app.setDaemon(true);
        app.start();
        System.out.println("READY " + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null && !line.equals("exit"); ) {
            if (line.equals("mark")) {
                System.out.println("MAX " + MAX_GAP.getAndSet(0) + " " + ITERATIONS.getAndSet(0));
            }
        }
        pool.close();
    }

    private static void loop(HikariDataSource pool) {
        long last = System.nanoTime();
        while (true) {
            try (Connection c = pool.getConnection()) {
                c.getAutoCommit();
            } catch (Exception e) {
                System.out.println("ERROR " + e);
                return;
            }
            long now = System.nanoTime();
            long gap = now - last;
            last = now;
            if (gap > MAX_GAP.get()) {
                MAX_GAP.accumulateAndGet(gap, Math::max);
            }
            ITERATIONS.incrementAndGet();
        }
    }
}
