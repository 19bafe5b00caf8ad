package io.pgjmx.console.it;

import io.pgjmx.pg.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** The real PostgreSQL the tests run against, seen from the test JVM (not through the agent). */
final class Db {

    static final String APP_ROLE = "console_app";
    static final String APP_PASSWORD = "console-app-pw";

    private Db() {
    }

    static TestPostgres pg() {
        return TestPostgres.get();
    }

    /** The role the test applications' pools log in as: it may see and signal every session but superusers'. */
    static void createAppRole() {
        pg().createRole(APP_ROLE, APP_PASSWORD, "pg_signal_backend", "pg_read_all_stats");
    }

    /** A session of another client, as an operator would find on the server: idle, named by its application. */
    static Connection victim(String applicationName) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", APP_ROLE);
        p.setProperty("password", APP_PASSWORD);
        p.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(pg().jdbcUrl(), p);
    }

    static int pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static boolean alive(int pid) throws SQLException {
        try (Connection c = pg().connectSuperuser();
                PreparedStatement ps = c.prepareStatement("select 1 from pg_stat_activity where pid = ?")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // a terminated session's connection may already be broken
        }
    }
}
