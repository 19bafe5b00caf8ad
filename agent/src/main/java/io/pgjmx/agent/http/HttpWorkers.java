package io.pgjmx.agent.http;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The endpoint's HTTP threads: a small fixed pool, and a deadline for reading each request (headers and body)
 * and for writing its answer. The JDK server reads a request on the pool thread with blocking channel reads
 * and has no per-server timeout (only the JVM-wide {@code sun.net.httpserver.*} properties, which belong to
 * the host's own servers too), so a slow client would hold a thread for as long as it likes. Interrupting
 * that thread closes the channel and ends the exchange. The time between reading and writing, when pgjmx
 * queries the database, is never interrupted: those queries have their own timeouts.
 * <p>
 * Tasks wait for {@link #open()}: no request is served before the endpoint's filters are in place.
 */
final class HttpWorkers implements Executor {

    static final int THREADS = 8;
    private static final ThreadLocal<Task> CURRENT = new ThreadLocal<>();

    private final ExecutorService pool;
    private final ScheduledThreadPoolExecutor timer;
    private final long timeoutMillis;
    private final CountDownLatch open = new CountDownLatch(1);
    private volatile boolean closed;

    HttpWorkers(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
        this.pool = Executors.newFixedThreadPool(THREADS, daemons("pgjmx-http-"));
        this.timer = new ScheduledThreadPoolExecutor(1, daemons("pgjmx-http-timer-"));
        this.timer.setRemoveOnCancelPolicy(true);
    }

    void open() {
        open.countDown();
    }

    /** Fail closed: an exchange still waiting for {@link #open()} is dropped, never served unguarded. */
    void shutdown() {
        closed = true;
        open.countDown();
        pool.shutdownNow();
        timer.shutdownNow();
    }

    @Override
    public void execute(Runnable exchange) {
        pool.execute(new Task(exchange));
    }

    /** The request is read: from here until the answer is written the exchange is not interrupted. */
    static boolean requestRead() {
        Task task = CURRENT.get();
        return task == null || task.requestRead();
    }

    /** The answer is being written: bound again, for a client that does not read it. */
    static void writing() {
        Task task = CURRENT.get();
        if (task != null) {
            task.writing();
        }
    }

    private final class Task implements Runnable {
        private final Runnable exchange;
        private Thread thread;
        private ScheduledFuture<?> deadline;
        private boolean done;
        private boolean expired;
        private boolean writing;

        Task(Runnable exchange) {
            this.exchange = exchange;
        }

        @Override
        public void run() {
            CURRENT.set(this);
            try {
                if (!open.await(30, TimeUnit.SECONDS) || closed) {
                    return;
                }
                synchronized (this) {
                    thread = Thread.currentThread();
                    arm();
                }
                exchange.run();
            } catch (InterruptedException e) {
                // shut down, or expired while waiting: the exchange is dropped
            } finally {
                CURRENT.remove();
                synchronized (this) {
                    done = true;
                    if (deadline != null) {
                        deadline.cancel(false);
                    }
                }
                Thread.interrupted(); // an interrupt meant for this exchange must not reach the next one
            }
        }

        private void arm() {
            deadline = timer.schedule(this::expire, timeoutMillis, TimeUnit.MILLISECONDS);
        }

        synchronized boolean requestRead() {
            if (deadline != null) {
                deadline.cancel(false);
                deadline = null;
            }
            return !expired;
        }

        synchronized void writing() {
            if (!writing && !done && !expired) {
                writing = true;
                arm();
            }
        }

        private synchronized void expire() {
            if (!done && deadline != null && thread != null) {
                expired = true;
                thread.interrupt();
            }
        }
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
