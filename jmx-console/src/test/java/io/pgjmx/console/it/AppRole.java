package io.pgjmx.console.it;

import io.pgjmx.testing.AgentJvm;
import io.pgjmx.testing.Db;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The role the console ITs' applications log in as: it may see and signal every session but superusers', as an
 * application role with {@code pg_signal_backend} and {@code pg_read_all_stats} would.
 */
final class AppRole {

    static final String NAME = "console_app";
    static final String PASSWORD = "console-app-pw";

    private AppRole() {
    }

    static void create() {
        Db.pg().createRole(NAME, PASSWORD, "pg_signal_backend", "pg_read_all_stats");
    }

    /** A session of another client, as an operator would find on the server: idle, named by its application. */
    static Connection victim(String applicationName) throws SQLException {
        return Db.connect(NAME, PASSWORD, applicationName);
    }

    /** Starts a HikariCP pool NAME of 3 in the application as this role, uses it once and waits for its MBean. */
    static void pool(AgentJvm app, String name) throws Exception {
        app.send("hikari " + name + " 3 " + Db.url() + " " + NAME + " " + PASSWORD);
        app.send("query " + name);
        app.awaitDataSource(name);
    }
}
