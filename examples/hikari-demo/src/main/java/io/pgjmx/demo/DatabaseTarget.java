package io.pgjmx.demo;

import io.pgjmx.pg.TestPostgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Where the pool connects: the --jdbc-url given, or a database of its own on the embedded PostgreSQL. */
record DatabaseTarget(String jdbcUrl, String user, String password, String server) {

    static final String DEMO_ROLE = "demo_app";
    static final String DEMO_DATABASE = "pgjmx_demo";

    static DatabaseTarget from(DemoOptions options) throws SQLException {
        if (options.jdbcUrl() != null) {
            return new DatabaseTarget(options.jdbcUrl(), options.user(), options.password(), "given with --jdbc-url");
        }
        return onTestPostgres(TestPostgres.get());
    }

    /**
     * Applications don't run as superuser, and what pgjmx may signal depends on that (a non-superuser can
     * only cancel/terminate its own role's sessions), so the demo connects as an ordinary role.
     */
    private static DatabaseTarget onTestPostgres(TestPostgres pg) throws SQLException {
        try (Connection superuser = pg.connectSuperuser()) {
            // a PGJMX_TEST_JDBC_URL server may already have them from an earlier run
            if (!exists(superuser, "select 1 from pg_roles where rolname = ?", DEMO_ROLE)) {
                pg.createRole(DEMO_ROLE, DEMO_ROLE);
            }
            if (!exists(superuser, "select 1 from pg_database where datname = ?", DEMO_DATABASE)) {
                pg.createDatabase(DEMO_DATABASE, DEMO_ROLE);
            }
        }
        return new DatabaseTarget(pg.jdbcUrl(DEMO_DATABASE), DEMO_ROLE, DEMO_ROLE, pg.description());
    }

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }
}
