package io.pgjmx.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;

/**
 * The application side of {@link AttachLatencyMain}: one pool of one family ({@code hikari}, {@code dbcp2},
 * {@code tomcat}), each with its own defaults, or DBCP2 with an evictor ({@code dbcp2-evictor}) or a jmxName
 * ({@code dbcp2-jmx}), the two settings that make an idle DBCP2 pool reachable; warmed by one getConnection.
 * {@code busy}: a thread runs a query every 10 ms; {@code idle}: nobody touches the pool again. Prints
 * {@code READY pid}, ends on {@code exit} or end of stdin. Arguments: FAMILY MODE URL USER [PASSWORD].
 */
public final class AttachLatencyApp {

    private AttachLatencyApp() {
    }

    public static void main(String[] args) throws Exception {
        String family = args[0];
        boolean busy = args[1].equals("busy");
        String url = args[2];
        String user = args[3];
        String password = args.length > 4 ? args[4] : "";
        DataSource ds = switch (family) {
            case "hikari" -> hikari(url, user, password);
            case "dbcp2" -> dbcp2(url, user, password);
            case "dbcp2-evictor" -> {
                BasicDataSource b = dbcp2(url, user, password);
                b.setDurationBetweenEvictionRuns(java.time.Duration.ofSeconds(30));
                yield b;
            }
            case "dbcp2-jmx" -> {
                BasicDataSource b = dbcp2(url, user, password);
                b.setJmxName("org.example:type=BasicDataSource,name=bench");
                yield b;
            }
            case "tomcat" -> tomcat(url, user, password);
            default -> throw new IllegalArgumentException("family: hikari, dbcp2, dbcp2-evictor, dbcp2-jmx or tomcat, not "
                    + family);
        };
        query(ds);
        if (busy) {
            Thread t = new Thread(() -> {
                while (true) {
                    try {
                        query(ds);
                        Thread.sleep(10);
                    } catch (Exception e) {
                        System.out.println("ERROR " + e);
                        return;
                    }
                }
            }, "app");
            t.setDaemon(true);
            t.start();
        }
        System.out.println("READY " + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null && !line.equals("exit"); ) {
            // wait
        }
        if (ds instanceof AutoCloseable c) {
            c.close();
        }
    }

    private static void query(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
            rs.next();
        }
    }

    private static DataSource hikari(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(3);
        return new HikariDataSource(config);
    }

    private static BasicDataSource dbcp2(String url, String user, String password) {
        BasicDataSource ds = new BasicDataSource();
        ds.setUrl(url);
        ds.setUsername(user);
        ds.setPassword(password);
        return ds;
    }

    private static DataSource tomcat(String url, String user, String password) {
        org.apache.tomcat.jdbc.pool.DataSource ds = new org.apache.tomcat.jdbc.pool.DataSource();
        ds.setUrl(url);
        ds.setUsername(user);
        ds.setPassword(password);
        ds.setDriverClassName("org.postgresql.Driver");
        return ds;
    }
}
