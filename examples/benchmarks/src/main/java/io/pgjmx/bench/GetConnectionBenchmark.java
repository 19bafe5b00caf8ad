package io.pgjmx.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The application's hot path: borrowing a connection from a warm HikariCP pool and giving it back. With the
 * agent, {@code HikariDataSource#getConnection} carries pgjmx's advice; once the pool is known that advice
 * is a scan of a tiny array of weak references. BenchmarkMain runs this in forks with and without
 * {@code -javaagent} so the difference is the advice's cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GetConnectionBenchmark {

    private HikariDataSource pool;

    @Setup(Level.Trial)
    public void open() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(System.getProperty("bench.url"));
        config.setUsername(System.getProperty("bench.user"));
        config.setPassword(System.getProperty("bench.password", ""));
        config.setPoolName("bench");
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(4);
        pool = new HikariDataSource(config);
    }

    @TearDown(Level.Trial)
    public void close() {
        pool.close();
    }

    @Benchmark
    public Connection getConnectionAndClose() throws SQLException {
        Connection c = pool.getConnection();
        c.close();
        return c;
    }
}
