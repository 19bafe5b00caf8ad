package io.pgjmx.demo;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A small HikariCP application to try the pgjmx agent on: a steady workload, and on demand the incident pgjmx is
 * made for (a session idle in transaction holding a lock, the pool exhausted behind it).
 */
public final class DemoApp {
    static final String POOL_NAME = "demo-pool";
    private static final int WORKER_THREADS = 2;
    private static final int CONNECTION_TIMEOUT_MILLIS = 3_000;

    private final DemoOptions options;
    private final long pid = ProcessHandle.current().pid();
    private final CountDownLatch quitRequested = new CountDownLatch(1);
    private final AtomicBoolean shutDown = new AtomicBoolean();
    private HikariDataSource dataSource;
    private Workload workload;
    private Incident incident;
    private StatusReporter reporter;

    private DemoApp(DemoOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(DemoOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(DemoOptions.USAGE);
            return;
        }
        // System.exit rather than returning: an attached agent may have started non-daemon threads
        System.exit(new DemoApp(options).run());
    }

    private int run() {
        DatabaseTarget target;
        try {
            target = DatabaseTarget.from(options);
            dataSource = new HikariDataSource(poolConfig(target));
            AccountsTable.create(dataSource);
        } catch (Exception e) {
            System.err.println("demo could not start: " + e);
            if (dataSource != null) {
                dataSource.close();
            }
            return 1;
        }
        workload = new Workload(dataSource);
        incident = new Incident(dataSource, options.poolSize() - 1);
        reporter = new StatusReporter(workload, dataSource.getHikariPoolMXBean(), POOL_NAME, incident,
                options.quiet());
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "demo-shutdown"));

        printBanner(target);
        workload.start(WORKER_THREADS);
        reporter.start();
        if (options.incident()) {
            incident.start();
        }
        new StdinCommands(incident, reporter, pid, quitRequested::countDown).start();
        // the agent registers its MBean asynchronously when started with -javaagent
        Duration agentDelay = Duration.ofSeconds(1);
        if (!awaitQuit(agentDelay)) {
            PgjmxAgentStatus.print(pid);
            if (!awaitQuit(options.duration() == null ? null : options.duration().minus(agentDelay))) {
                Out.line("--duration of " + options.duration().toSeconds() + " s reached");
            }
        }
        shutdown();
        return 0;
    }

    private HikariConfig poolConfig(DatabaseTarget target) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(POOL_NAME);
        config.setJdbcUrl(target.jdbcUrl());
        if (target.user() != null) {
            config.setUsername(target.user());
        }
        if (target.password() != null) {
            config.setPassword(target.password());
        }
        config.setMaximumPoolSize(options.poolSize());
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        // Hikari's own MBeans sit next to pgjmx's in JConsole: pool counts beside the sessions behind them
        config.setRegisterMbeans(true);
        // tells the demo's sessions apart from psql and the agent's in pg_stat_activity
        config.addDataSourceProperty("ApplicationName", "pgjmx-hikari-demo");
        return config;
    }

    private void printBanner(DatabaseTarget target) {
        Out.plain("");
        Out.plain("pgjmx Hikari demo");
        Out.plain("  PID        " + pid);
        Out.plain("  JDBC URL   " + target.jdbcUrl());
        Out.plain("  user       " + (target.user() != null ? target.user() : "(from the URL or driver defaults)"));
        Out.plain("  server     " + target.server());
        Out.plain("  pool       " + POOL_NAME + " (HikariCP, maximumPoolSize " + options.poolSize()
                + ", connectionTimeout " + CONNECTION_TIMEOUT_MILLIS + " ms)");
        Out.plain("Look at it with");
        Out.plain("  jconsole " + pid + "                        MBeans tab, domain 'pgjmx'");
        // the agent's own JolokiaUrl, not a guess: port=N or port=0 would make a fixed 8778 wrong
        Out.plain("  Jolokia over HTTP at the URL on the 'pgjmx agent:' line (the agent's JolokiaUrl)");
        Out.plain("Type on stdin: incident (start it) | release (roll the holder back) | status | quit");
        if (options.duration() != null) {
            Out.plain("Exits by itself after " + options.duration().toSeconds() + " s.");
        }
        Out.plain("");
    }

    /** True when 'quit' came within the time (null: no limit); else the time ran out. */
    private boolean awaitQuit(Duration limit) {
        try {
            if (limit == null) {
                quitRequested.await();
                return true;
            }
            return quitRequested.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** From 'quit', --duration, or the shutdown hook on SIGTERM/Ctrl-C; whichever comes first does the work. */
    private void shutdown() {
        if (!shutDown.compareAndSet(false, true)) {
            return;
        }
        Out.line("shutting down");
        reporter.stop();
        // the holder rolls back first, so the blocked updates finish instead of being cut off by the pool's close
        incident.stop();
        workload.stop();
        dataSource.close();
        Out.line("pool " + POOL_NAME + " closed");
    }
}
