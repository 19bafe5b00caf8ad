package io.pgjmx.testing;

import io.pgjmx.pg.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The real PostgreSQL the tests run against ({@link TestPostgres}), seen from the test JVM, not through the agent:
 * connections as any role, the census of client backends, {@code pg_stat_activity} questions, and the agent's
 * own monitoring backends told apart by the JVM they belong to.
 */
public final class Db {

    /** The password of the application roles the tests create. */
    public static final String APP_PASSWORD = "app-secret-pw";

    private Db() {
    }

    public static TestPostgres pg() {
        return TestPostgres.get();
    }

    public static String url() {
        return pg().jdbcUrl();
    }

    /** A table whose rows the tests lock; every role may update it. */
    public static void createLockTable() throws SQLException {
        pg().exec("DROP TABLE IF EXISTS pgjmx_it");
        pg().exec("CREATE TABLE pgjmx_it (id int PRIMARY KEY, v int NOT NULL DEFAULT 0)");
        pg().exec("INSERT INTO pgjmx_it (id) SELECT generate_series(1, 20)");
        pg().exec("GRANT ALL ON pgjmx_it TO PUBLIC");
    }

    public static Connection connect(String user, String password) throws SQLException {
        return connect(user, password, "pgjmx-it");
    }

    public static Connection connect(String user, String password, String applicationName) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(url(), p);
    }

    public static Connection superuser() throws SQLException {
        return pg().connectSuperuser();
    }

    public static int pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** One number asked of the server as superuser. */
    public static long superuserLong(String sql) throws SQLException {
        try (Connection c = superuser(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SQLException("no row for " + sql);
            }
            return rs.getLong(1);
        }
    }

    /** Every client backend on the server, as pids. */
    public static TreeSet<Integer> census() throws SQLException {
        try (Connection c = superuser(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select pid from pg_stat_activity where backend_type = 'client backend' "
                        + "and pid <> pg_backend_pid()")) {
            TreeSet<Integer> pids = new TreeSet<>();
            while (rs.next()) {
                pids.add(rs.getInt(1));
            }
            return pids;
        }
    }

    public static boolean alive(int pid) throws SQLException {
        try (Connection c = superuser();
                PreparedStatement ps = c.prepareStatement("select 1 from pg_stat_activity where pid = ?")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public static boolean waitingOnLock(int pid) throws SQLException {
        try (Connection c = superuser(); PreparedStatement ps = c.prepareStatement(
                "select 1 from pg_stat_activity where pid = ? and wait_event_type = 'Lock'")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * The backends of pgjmx's monitoring connections that belong to the JVM {@code jvmPid}: application name
     * {@code pgjmx}, and a client port that is one of that JVM's own connected sockets. Other JVMs' agents on
     * the same server use the same application name; the port tells them apart (a server that sees another
     * client port, behind NAT, is not supported by the tests that use this).
     */
    public static List<Integer> monitorBackendsOf(long jvmPid) throws Exception {
        Prerequisite.require(ProcSockets.available(), "Linux /proc, to tell this JVM's monitoring connection from "
                + "other agents'");
        Set<Integer> ports = ProcSockets.connectedLocalPorts(jvmPid);
        try (Connection c = superuser(); PreparedStatement ps = c.prepareStatement("select pid from pg_stat_activity "
                + "where application_name = 'pgjmx' and client_port = any(?) order by pid")) {
            ps.setArray(1, c.createArrayOf("int4", ports.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                List<Integer> pids = new ArrayList<>();
                while (rs.next()) {
                    pids.add(rs.getInt(1));
                }
                return pids;
            }
        }
    }

    public static List<Integer> pidsWhere(String condition) throws SQLException {
        try (Connection c = superuser(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select pid from pg_stat_activity where " + condition + " order by pid")) {
            List<Integer> pids = new ArrayList<>();
            while (rs.next()) {
                pids.add(rs.getInt(1));
            }
            return pids;
        }
    }

    /**
     * Waits until no session of the role is left: a backend whose client closed the connection leaves
     * pg_stat_activity a moment later, and a test that counts a role's sessions must not see the previous
     * test's.
     */
    public static void awaitNoSessionsOf(String role) throws Exception {
        Eventually.that(Duration.ofSeconds(20), () -> pidsWhere("usename = '" + role.replace("'", "''")
                + "'").isEmpty(), "no session of role " + role + " left from an earlier test");
    }

    /** Closes a connection whose backend a test may have terminated: it may already be broken. */
    public static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // a terminated session's connection may already be broken
        }
    }

    /**
     * Sends a Unix signal ({@code STOP}, {@code CONT}, ...) to a backend process, to freeze or thaw it: the
     * server must run on this machine as a user this JVM may signal (the embedded server does).
     */
    public static void signalBackend(String signal, int pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).redirectErrorStream(true).start();
        String out = new String(kill.getInputStream().readAllBytes());
        int exit = kill.waitFor();
        if (exit != 0) {
            throw new AssertionError("kill -" + signal + " " + pid + " exited " + exit + ": " + out);
        }
    }
}
