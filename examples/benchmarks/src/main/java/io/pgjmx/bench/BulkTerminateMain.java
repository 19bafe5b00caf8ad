package io.pgjmx.bench;

import io.pgjmx.pg.TestPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * {@code java -cp examples/benchmarks/target/pgjmx-benchmarks.jar io.pgjmx.bench.BulkTerminateMain [SESSIONS [ROUNDS]]}:
 * how long {@code terminateSessions(filter)} takes over JMX for SESSIONS idle sessions (default 500), from the
 * call to its answer, which comes once every session is gone. Starts {@link BulkTerminateApp} with the agent in a
 * fresh JVM, opens the sessions from this JVM, and calls the operation through the JDK's local JMX connector,
 * ROUNDS times (default 3) after one small warm-up round. Each round also times the same termination done
 * in plain SQL from this JVM, the floor the server sets. A measurement to report, not a pass/fail threshold;
 * run it from the repository's top directory.
 *
 * <p>The embedded server is started with room for the sessions; a server from {@code PGJMX_TEST_JDBC_URL} needs
 * {@code max_connections} of at least SESSIONS + 20. {@code -Dbench.agent=JAR} points elsewhere than the
 * build's agent jar (e.g. an older build, to compare); {@code -Dbench.appLog=FILE} keeps the application's
 * standard error, where the agent's AUDIT lines are.
 */
public final class BulkTerminateMain {

    private static final String VICTIMS = "bulk-bench-victim";
    private static final int WARM_UP_SESSIONS = 20;

    private BulkTerminateMain() {
    }

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path agent = BenchSetup.agentJar(System.getProperty("bench.agent", "agent/target/pgjmx-agent.jar"),
                "pass -Dbench.agent=JAR");
        if (System.getProperty("pgjmx.postgres.maxConnections") == null) {
            System.setProperty("pgjmx.postgres.maxConnections", String.valueOf(sessions + 50));
        }
        TestPostgres pg = TestPostgres.get();
        System.out.println("PostgreSQL: " + pg.description());
        int room = room(pg);
        if (room < sessions + 10) {
            System.err.println("the server has room for " + room + " more connections, the benchmark needs "
                    + (sessions + 10) + "; raise max_connections or run with fewer sessions");
            System.exit(2);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String log = System.getProperty("bench.appLog");
        int jmxPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            jmxPort = free.getLocalPort();
        }
        // remote JMX on loopback: the benchmark needs no attach of its own (the agent's AttachChannel is the one)
        Process app = new ProcessBuilder(java, "-Xmx256m", "-javaagent:" + agent + "=jolokia=false",
                "-Dcom.sun.management.jmxremote.port=" + jmxPort, "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false",
                "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1",
                "-cp", System.getProperty("java.class.path"), BulkTerminateApp.class.getName(),
                pg.jdbcUrl(), pg.superUser(), pg.superPassword())
                .redirectError(log == null ? ProcessBuilder.Redirect.DISCARD
                        : ProcessBuilder.Redirect.appendTo(Path.of(log).toFile()))
                .start();
        PrintWriter in = new PrintWriter(app.getOutputStream(), true, StandardCharsets.UTF_8);
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            if (ready == null || !ready.startsWith("READY ")) {
                throw new IllegalStateException("the application did not start: " + ready);
            }
            try (JMXConnector jmx = connect(jmxPort)) {
                MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
                ObjectName dataSource = awaitDataSource(mbeans);
                round(pg, mbeans, dataSource, WARM_UP_SESSIONS); // opens the monitoring connection, warms the JIT
                List<Double> millis = new ArrayList<>();
                List<Double> floor = new ArrayList<>();
                for (int r = 1; r <= rounds; r++) {
                    double ms = round(pg, mbeans, dataSource, sessions);
                    millis.add(ms);
                    double direct = directRound(pg, sessions);
                    floor.add(direct);
                    System.out.printf(Locale.ROOT, "round %d: terminateSessions(\"application=%s\") over %d sessions: "
                            + "%.0f ms; the same in plain SQL: %.0f ms%n", r, VICTIMS, sessions, ms, direct);
                }
                System.out.println();
                System.out.println(sessions + " idle sessions terminated, until all are gone (PostgreSQL "
                        + pg.serverVersion() + ", " + System.getProperty("java.version") + ", "
                        + Runtime.getRuntime().availableProcessors() + " cores, " + rounds + " rounds):");
                print("terminateSessions over JMX:", millis);
                print("one SQL statement + poll:", floor);
            }
        } finally {
            in.println("exit");
            if (!app.waitFor(10, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    /** Opens the sessions, terminates them in one call and checks that exactly they were terminated; ms. */
    private static double round(TestPostgres pg, MBeanServerConnection mbeans, ObjectName dataSource, int sessions)
            throws Exception {
        List<Connection> victims = open(pg, sessions);
        try {
            long start = System.nanoTime();
            int[] terminated = (int[]) mbeans.invoke(dataSource, "terminateSessions", new Object[] {"application=" + VICTIMS},
                    new String[] {"java.lang.String"});
            double ms = (System.nanoTime() - start) / 1e6;
            if (terminated.length != sessions) {
                throw new IllegalStateException("terminateSessions answered " + terminated.length + " pids for "
                        + sessions + " sessions");
            }
            return ms;
        } finally {
            BenchSetup.closeAll(victims);
        }
    }

    private static void print(String what, List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "  %-28s median %6.0f ms, min %6.0f ms, max %6.0f ms%n", what,
                sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1));
    }

    /**
     * What the server itself needs: one statement signals the sessions from this JVM, then their pids are
     * polled until gone, as the agent does, but with no JMX, filter or privilege check in between. On a
     * small machine this is mostly the backends' own exit, which competes for the CPU with the signalling.
     */
    private static double directRound(TestPostgres pg, int sessions) throws Exception {
        List<Connection> victims = open(pg, sessions);
        try (Connection c = pg.connectSuperuser(); Statement s = c.createStatement()) {
            long start = System.nanoTime();
            List<Integer> pids = new ArrayList<>();
            // in the select list, which runs only for rows the WHERE kept; in the WHERE it could run first
            try (ResultSet rs = s.executeQuery("SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE application_name = '" + VICTIMS + "'")) {
                while (rs.next()) {
                    if (rs.getBoolean(2)) {
                        pids.add(rs.getInt(1));
                    }
                }
            }
            String list = pids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
            try (PreparedStatement poll = c.prepareStatement(
                    "SELECT count(*) FROM pg_stat_activity WHERE pid = ANY (string_to_array(?, ',')::int[])")) {
                poll.setString(1, list);
                while (true) {
                    try (ResultSet rs = poll.executeQuery()) {
                        rs.next();
                        if (rs.getInt(1) == 0) {
                            break;
                        }
                    }
                    Thread.sleep(25);
                }
            }
            double ms = (System.nanoTime() - start) / 1e6;
            if (pids.size() != sessions) {
                throw new IllegalStateException("plain SQL terminated " + pids.size() + " of " + sessions + " sessions");
            }
            return ms;
        } finally {
            BenchSetup.closeAll(victims);
        }
    }

    private static List<Connection> open(TestPostgres pg, int sessions) throws Exception {
        Properties props = new Properties();
        props.setProperty("user", pg.superUser());
        props.setProperty("password", pg.superPassword());
        props.setProperty("ApplicationName", VICTIMS);
        ExecutorService openers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Connection>> opening = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                opening.add(openers.submit(() -> DriverManager.getConnection(pg.jdbcUrl(), props)));
            }
            List<Connection> open = new ArrayList<>();
            for (Future<Connection> f : opening) {
                open.add(f.get(60, TimeUnit.SECONDS));
            }
            return open;
        } finally {
            openers.shutdownNow();
        }
    }

    /** Connections the server can still take from ordinary roles. */
    private static int room(TestPostgres pg) throws SQLException {
        try (Connection c = pg.connectSuperuser(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_setting('max_connections')::int "
                        + "- current_setting('superuser_reserved_connections')::int "
                        + "- (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static JMXConnector connect(int port) throws Exception {
        return JMXConnectorFactory.connect(
                new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi"));
    }

    private static ObjectName awaitDataSource(MBeanServerConnection mbeans) throws Exception {
        ObjectName name = new ObjectName("pgjmx:type=DataSource,name=bulk-bench");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!mbeans.isRegistered(name)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the agent registered no " + name + " within 30 s");
            }
            Thread.sleep(100);
        }
        return name;
    }
}
