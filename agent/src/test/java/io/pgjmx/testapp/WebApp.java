package io.pgjmx.testapp;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * A "web application" that {@link LoaderLauncher} loads in a class loader of its own, the way a servlet
 * container does: HikariCP and pgjdbc are visible here and nowhere above. One command per call, answered
 * with one line; it knows nothing of pgjmx.
 *
 * <pre>
 * hikari NAME SIZE URL USER PASSWORD  pool in jdbcUrl mode, ApplicationName=NAME, filled to SIZE
 * query NAME                          borrow, select pg_backend_pid(), return: the pid
 * shutdown                            close every pool and deregister this loader's JDBC drivers
 * simple NAME URL USER PASSWORD       a PGSimpleDataSource used once and kept (it runs no thread of its own)
 * abandon                             deregister this loader's JDBC drivers and leave the DataSources as they are
 * </pre>
 */
public final class WebApp {

    private static final Map<String, HikariDataSource> POOLS = new HashMap<>();
    private static final Map<String, javax.sql.DataSource> LEFT_OPEN = new HashMap<>();

    private WebApp() {
    }

    public static String command(String[] a) throws Exception {
        switch (a[0]) {
            case "hikari": {
                HikariConfig c = new HikariConfig();
                c.setPoolName(a[1]);
                c.setMaximumPoolSize(Integer.parseInt(a[2]));
                c.setMinimumIdle(Integer.parseInt(a[2]));
                c.setConnectionTimeout(1000);
                c.setJdbcUrl(a[3]);
                // DriverManager loads the drivers it finds as services once per JVM, through the first caller's
                // context loader; a second web application must name its driver (as Spring Boot and most
                // container setups do), or DriverManager offers it only the first one's, which it may not use
                c.setDriverClassName("org.postgresql.Driver");
                c.setUsername(a[4]);
                c.setPassword(a.length > 5 ? a[5] : "");
                // lets the test find the pool's backends on the server without asking the agent
                c.addDataSourceProperty("ApplicationName", a[1]);
                POOLS.put(a[1], new HikariDataSource(c));
                return a[1];
            }
            case "query": {
                try (Connection c = POOLS.get(a[1]).getConnection(); Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
                    rs.next();
                    return String.valueOf(rs.getInt(1));
                }
            }
            case "simple": {
                org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
                ds.setURL(a[2]);
                ds.setUser(a[3]);
                ds.setPassword(a.length > 4 ? a[4] : "");
                ds.setApplicationName(a[1]);
                try (Connection c = ds.getConnection()) { // found on first use; the connection is returned at once
                    c.isValid(1);
                }
                LEFT_OPEN.put(a[1], ds);
                return a[1];
            }
            case "shutdown":
                return shutdown();
            case "abandon":
                return "drivers=" + deregisterDrivers();
            default:
                throw new IllegalArgumentException("unknown command " + a[0]);
        }
    }

    /** What a well-behaved web application (or Tomcat's leak prevention) does when it is undeployed. */
    private static String shutdown() throws Exception {
        POOLS.values().forEach(HikariDataSource::close);
        POOLS.clear();
        return "drivers=" + deregisterDrivers();
    }

    /** What Tomcat's leak prevention does for a web application that forgot to: its drivers leave DriverManager. */
    private static int deregisterDrivers() throws Exception {
        // pgjdbc registers its Driver with DriverManager when loaded; that registration alone would pin this loader
        int deregistered = 0;
        for (Driver d : Collections.list(DriverManager.getDrivers())) {
            if (d.getClass().getClassLoader() == WebApp.class.getClassLoader()) {
                DriverManager.deregisterDriver(d);
                deregistered++;
            }
        }
        return deregistered;
    }
}
