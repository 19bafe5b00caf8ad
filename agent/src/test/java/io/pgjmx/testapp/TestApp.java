package io.pgjmx.testapp;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The application of the agent's and the console's integration tests, run in its own JVM with the agent, driven line by line on
 * stdin. It knows nothing of pgjmx. Every command answers one line starting with "OK" or "ERR".
 *
 * <pre>
 * hikari NAME SIZE URL USER PASSWORD     pool in jdbcUrl mode
 * hikari-ds NAME SIZE URL USER PASSWORD  pool in dataSourceClassName mode (PGSimpleDataSource)
 * simple NAME URL USER PASSWORD          a bare PGSimpleDataSource
 * query NAME                             borrow, select pg_backend_pid(), return: OK pid
 * busy NAME                              borrow and return on a thread every 20 ms until exit
 * work NAME THREADS                      THREADS threads borrow, select 1 and return as fast as they can
 * done                                   how many work loops have completed so far: OK count
 * hold NAME                              borrow and keep: OK pid
 * borrow NAME                            borrow and keep, any database: OK
 * lock NAME ROWS                         borrow, begin, update ROWS rows of pgjmx_it, stay idle in tx: OK pid
 * idle-tx NAME                           borrow, begin, select 1, stay idle in transaction: OK pid
 * wait NAME ROW                          borrow and update row ROW on a thread (blocks behind a lock): OK pid
 * close NAME                             close the pool
 * release-held                           close every connection taken with hold/dm
 * pool FAMILY NAME SIZE URL USER PASSWORD  a pool of another family (see Pools): dbcp2, tomcat-dbcp,
 *                                        tomcat-jdbc, c3p0, agroal, vibur, pgpooling, spring-dm, spring-simple,
 *                                        hikari-spring
 *                                        (also dbcp2-evictor, dbcp2-jmx: DBCP2 with an evictor, with a jmxName)
 * spring FAMILY NAME SIZE URL USER PASSWORD  such a pool as a singleton bean of a Spring context (shutdown hook on)
 * counts NAME                            the pool's own counts: OK active=N borrowed=M (DBCP2, Tomcat JDBC)
 * wrap KIND NAME TARGET                  a Spring proxy (tx-aware, lazy, delegating) around pool TARGET
 * routing NAME FIRST SECOND              a Spring AbstractRoutingDataSource over two pools
 * route KEY                              the routing key (1 or 2) from now on
 * dm URL USER PASSWORD                   DriverManager.getConnection, kept open: OK pid
 * h2 NAME JAR                            a DBCP2 pool of an in-memory H2 database, H2 loaded from JAR
 * culprit NAME ROWS / release NAME       a thread that holds a transaction open (see HeldTransactions)
 * libs                                   which SLF4J binding and Byte Buddy the application itself uses
 * exit
 * </pre>
 * and those of {@link IncidentCommands}.
 */
public final class TestApp {

    private static final Map<String, DataSource> POOLS = new HashMap<>();
    private static final List<Connection> HELD = new ArrayList<>();
    private static final LongAdder WORK_DONE = new LongAdder();
    private static final ExecutorService WAITERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "waiter");
        t.setDaemon(true);
        return t;
    });

    public static void main(String[] args) throws Exception {
        System.out.println("READY " + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] a = line.trim().split(" ");
            try {
                String answer = run(a);
                if (answer == null) {
                    break;
                }
                System.out.println("OK " + answer);
            } catch (Exception | LinkageError e) {
                System.out.println("ERR " + e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).replace('\n', ' '));
            }
        }
        System.exit(0);
    }

    private static String run(String[] a) throws Exception {
        switch (a[0]) {
            case "hikari": {
                HikariConfig c = base(a[1], Integer.parseInt(a[2]));
                c.setJdbcUrl(a[3]);
                c.setUsername(a[4]);
                c.setPassword(arg(a, 5));
                POOLS.put(a[1], new HikariDataSource(c));
                return a[1];
            }
            case "hikari-lazy": {
                // starts without a server: connections are made in the background once it answers
                HikariConfig c = base(a[1], Integer.parseInt(a[2]));
                c.setInitializationFailTimeout(-1);
                c.setJdbcUrl(a[3]);
                c.setUsername(a[4]);
                c.setPassword(arg(a, 5));
                POOLS.put(a[1], new HikariDataSource(c));
                return a[1];
            }
            case "hikari-ds": {
                HikariConfig c = base(a[1], Integer.parseInt(a[2]));
                c.setDataSourceClassName(PGSimpleDataSource.class.getName());
                c.addDataSourceProperty("url", a[3]);
                c.addDataSourceProperty("user", a[4]);
                c.addDataSourceProperty("password", arg(a, 5));
                POOLS.put(a[1], new HikariDataSource(c));
                return a[1];
            }
            case "simple": {
                PGSimpleDataSource ds = new PGSimpleDataSource();
                ds.setUrl(a[2]);
                ds.setUser(a[3]);
                ds.setPassword(arg(a, 4));
                POOLS.put(a[1], ds);
                return a[1];
            }
            case "query": {
                try (Connection c = POOLS.get(a[1]).getConnection(); Statement s = c.createStatement()) {
                    var rs = s.executeQuery("select pg_backend_pid()");
                    rs.next();
                    return String.valueOf(rs.getInt(1));
                }
            }
            case "busy": {
                DataSource ds = POOLS.get(a[1]);
                WAITERS.submit(() -> {
                    while (true) {
                        try (Connection c = ds.getConnection()) {
                            c.isValid(1);
                        } catch (SQLException e) {
                            // the pool may be exhausted or closed; keep knocking
                        }
                        Thread.sleep(20);
                    }
                });
                return a[1];
            }
            case "work": {
                DataSource ds = POOLS.get(a[1]);
                for (int i = 0; i < Integer.parseInt(a[2]); i++) {
                    WAITERS.submit(() -> {
                        while (true) {
                            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                                s.execute("select 1");
                                WORK_DONE.increment();
                            } catch (SQLException e) {
                                Thread.sleep(10);
                            }
                        }
                    });
                }
                return a[1];
            }
            case "done":
                return String.valueOf(WORK_DONE.sum());
            case "hold": {
                Connection c = POOLS.get(a[1]).getConnection();
                HELD.add(c);
                return String.valueOf(c.unwrap(PGConnection.class).getBackendPID());
            }
            case "borrow":
                HELD.add(POOLS.get(a[1]).getConnection());
                return a[1];
            case "lock":
                return idleInTransaction(a[1], "update pgjmx_it set v = v + 1 where id <= " + Integer.parseInt(a[2]));
            case "idle-tx":
                return idleInTransaction(a[1], "select 1");
            case "wait": {
                Connection c = POOLS.get(a[1]).getConnection();
                int row = Integer.parseInt(a[2]);
                WAITERS.submit(() -> {
                    try (c; Statement s = c.createStatement()) {
                        s.executeUpdate("update pgjmx_it set v = v + 1 where id = " + row);
                    } catch (SQLException e) {
                        System.out.println("WAITER " + e.getMessage());
                    }
                });
                return String.valueOf(c.unwrap(PGConnection.class).getBackendPID());
            }
            case "close": {
                // not every family's DataSource is AutoCloseable, but each has a public close()
                Object ds = POOLS.remove(a[1]);
                ds.getClass().getMethod("close").invoke(ds);
                return a[1];
            }
            case "pool":
                POOLS.put(a[2], Pools.create(a[1], a[2], Integer.parseInt(a[3]), a[4], a[5], arg(a, 6)));
                return a[2];
            case "spring":
                POOLS.put(a[2], Pools.inSpringContext(a[1], a[2], Integer.parseInt(a[3]), a[4], a[5], arg(a, 6)));
                return a[2];
            case "counts":
                return Pools.counts(POOLS.get(a[1]));
            case "wrap":
                POOLS.put(a[2], Pools.wrap(a[1], POOLS.get(a[3])));
                return a[2];
            case "routing":
                POOLS.put(a[1], Pools.routing(POOLS.get(a[2]), POOLS.get(a[3])));
                return a[1];
            case "route":
                Pools.route = a[1];
                return a[1];
            case "h2":
                POOLS.put(a[1], Pools.h2(a[1], a[2]));
                return a[1];
            case "release-held": {
                for (Connection c : HELD) {
                    c.close();
                }
                int n = HELD.size();
                HELD.clear();
                return String.valueOf(n);
            }
            case "dm": {
                Connection c = java.sql.DriverManager.getConnection(a[1], a[2], arg(a, 3));
                HELD.add(c);
                return String.valueOf(c.unwrap(PGConnection.class).getBackendPID());
            }
            case "dm-brief": {
                try (Connection c = java.sql.DriverManager.getConnection(a[1], a[2], arg(a, 3))) {
                    return String.valueOf(c.unwrap(PGConnection.class).getBackendPID());
                }
            }
            case "culprit":
                return HeldTransactions.culprit(POOLS.get(a[1]), a[1], Integer.parseInt(a[2]));
            case "release":
                return HeldTransactions.release(a[1]);
            case "libs": {
                String binding = org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName();
                org.slf4j.LoggerFactory.getLogger(TestApp.class).info("application logging works");
                Class<?> generated = new net.bytebuddy.ByteBuddy().subclass(Object.class).name("io.pgjmx.testapp.Generated")
                        .make().load(TestApp.class.getClassLoader()).getLoaded();
                String bb = net.bytebuddy.ByteBuddy.class.getProtectionDomain().getCodeSource().getLocation().getPath();
                return "slf4j=" + binding + " bytebuddy=" + bb.substring(bb.lastIndexOf('/') + 1) + " generated="
                        + generated.getName();
            }
            case "exit":
                return null;
            default: {
                String answer = IncidentCommands.run(a, POOLS);
                if (answer == null) {
                    throw new IllegalArgumentException("unknown command " + a[0]);
                }
                return answer;
            }
        }
    }

    /** Borrows and keeps a connection, left idle in a transaction that ran {@code sql}: its backend's pid. */
    private static String idleInTransaction(String pool, String sql) throws SQLException {
        Connection c = POOLS.get(pool).getConnection();
        HELD.add(c);
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
        return String.valueOf(c.unwrap(PGConnection.class).getBackendPID());
    }

    private static HikariConfig base(String name, int size) {
        HikariConfig c = new HikariConfig();
        c.setPoolName(name);
        c.setMaximumPoolSize(size);
        c.setMinimumIdle(size);
        c.setConnectionTimeout(1000);
        return c;
    }

    private static String arg(String[] a, int i) {
        return a.length > i ? a[i] : "";
    }
}
