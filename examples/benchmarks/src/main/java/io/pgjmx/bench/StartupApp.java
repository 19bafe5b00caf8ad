package io.pgjmx.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The smallest honest JDBC application for {@link StartupCostMain}: a HikariCP pool of one connection, one
 * query, close, exit. Arguments: URL USER [PASSWORD].
 */
public final class StartupApp {

    private StartupApp() {
    }

    public static void main(String[] args) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setUsername(args[1]);
        config.setPassword(args.length > 2 ? args[2] : "");
        config.setMaximumPoolSize(1);
        try (HikariDataSource ds = new HikariDataSource(config); Connection c = ds.getConnection();
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
            rs.next();
        }
    }
}
