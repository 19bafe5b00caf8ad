package io.pgjmx.testapp;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;

/** An application whose main simply returns: with the agent and its HTTP endpoint, the JVM must still exit. */
public final class ReturningMain {

    public static void main(String[] args) throws Exception {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(args[0]);
        c.setUsername(args[1]);
        c.setPassword(args.length > 2 ? args[2] : "");
        c.setMaximumPoolSize(1);
        try (HikariDataSource ds = new HikariDataSource(c); Connection conn = ds.getConnection()) {
            conn.createStatement().execute("select 1");
            Thread.sleep(2000); // long enough for the agent to have registered and started HTTP
        }
        System.out.println("main returns");
    }
}
