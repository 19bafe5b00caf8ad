package io.pgjmx.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The application of {@link StartupCostMain}: a HikariCP pool of 5, 200 queries, close, exit. Arguments: URL
 * USER [PASSWORD]. It reports on stdout, read by the benchmark: the wall-clock millisecond at which main began,
 * how long the pool's first getConnection took, and at the end its CPU time and peak RSS, read from /proc/self so that no measuring class (the management
 * beans) is loaded in the runs without an agent that would not load it otherwise.
 */
public final class StartupApp {

    private StartupApp() {
    }

    public static void main(String[] args) throws Exception {
        long mainAt = System.currentTimeMillis();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setUsername(args[1]);
        config.setPassword(args.length > 2 ? args[2] : "");
        config.setMaximumPoolSize(5);
        long poolAt = System.nanoTime();
        try (HikariDataSource ds = new HikariDataSource(config)) {
            // the pool is built lazily: the first getConnection starts it and opens its first connection
            try (Connection c = ds.getConnection()) {
                c.isValid(1);
            }
            System.out.println("first-connection-ms " + (System.nanoTime() - poolAt) / 1e6);
            for (int i = 0; i < 200; i++) {
                try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("select " + i)) {
                    rs.next();
                }
            }
        }
        System.out.println("main-at-ms " + mainAt);
        System.out.println("cpu-ms " + cpuMillis());
        System.out.println("peak-rss-kib " + peakRssKib());
    }

    /** utime + stime of this process, in clock ticks of 10 ms (Linux's USER_HZ). */
    private static long cpuMillis() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    }

    private static long peakRssKib() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
