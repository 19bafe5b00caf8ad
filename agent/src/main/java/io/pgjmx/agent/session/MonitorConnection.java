package io.pgjmx.agent.session;

import io.pgjmx.agent.discovery.ConnectionSpec;
import io.pgjmx.agent.log.Log;
import io.pgjmx.agent.util.JdbcUrls;
import io.pgjmx.agent.util.Names;
import io.pgjmx.bridge.PgjmxBridge;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The agent's own connection to one DataSource's server, never taken from the application's pool, so it
 * works when the pool is exhausted. It goes through the application's own pgjdbc driver with the pool's
 * URL and credentials (or the configured monitor role), is opened on first use, reconnects once when
 * broken, and is closed after a while idle so a fleet of JVMs holds no idle connections.
 */
public final class MonitorConnection implements AutoCloseable {

    public static final String APPLICATION_NAME = "pgjmx";
    private static final Logger LOG = Log.get(MonitorConnection.class);
    /** Backends of every monitoring connection in this JVM: never listed, never signalled. */
    private static final Set<Integer> MONITOR_PIDS = ConcurrentHashMap.newKeySet();
    private static final String[] URL_PARAMS_WE_SET = {"user", "password", "ApplicationName", "applicationName",
        "connectTimeout", "socketTimeout", "loginTimeout", "options", "readOnly", "autosave"};

    /** Work done on the connection; it may run twice if the first try finds the connection broken. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection, ServerInfo server) throws SQLException;
    }

    private final String dataSourceName;
    private final Supplier<ConnectionSpec> spec;
    private final String monitorUser;
    private final String monitorPassword;
    private Connection connection;
    private ServerInfo server;
    private volatile long lastUsedNanos = System.nanoTime();

    public MonitorConnection(String dataSourceName, Supplier<ConnectionSpec> spec, String monitorUser,
            String monitorPassword) {
        this.dataSourceName = dataSourceName;
        this.spec = spec;
        this.monitorUser = monitorUser;
        this.monitorPassword = monitorPassword;
    }

    public static Set<Integer> monitorPids() {
        return MONITOR_PIDS;
    }

    public synchronized <T> T call(Work<T> work) throws SQLException {
        lastUsedNanos = System.nanoTime();
        for (int attempt = 0; ; attempt++) {
            if (connection == null) {
                open();
            }
            try {
                return work.run(connection, server);
            } catch (SQLException e) {
                if (attempt == 0 && isBroken(e)) {
                    LOG.info("monitoring connection for {} was lost ({}); reconnecting", dataSourceName, e.getMessage());
                    close();
                    continue;
                }
                throw e;
            } finally {
                lastUsedNanos = System.nanoTime();
            }
        }
    }

    /** The server as last seen, without connecting; null before the first use. */
    public synchronized ServerInfo serverIfKnown() {
        return server;
    }

    public synchronized void closeIfIdle(long idleNanos) {
        if (connection != null && System.nanoTime() - lastUsedNanos > idleNanos) {
            LOG.debug("closing idle monitoring connection for {}", dataSourceName);
            close();
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException ignored) {
                // it is going away either way
            }
            connection = null;
        }
        if (server != null) {
            MONITOR_PIDS.remove(server.backendPid());
        }
    }

    private void open() throws SQLException {
        ConnectionSpec s = spec.get();
        if (s == null || s.url() == null) {
            throw new SQLException("the JDBC URL of DataSource " + dataSourceName + " is not known");
        }
        Driver driver = driver(s.driverLoader());
        Properties props = new Properties();
        props.putAll(s.driverProperties());
        String user = monitorUser != null ? monitorUser : s.user();
        String password = monitorUser != null ? monitorPassword : s.password();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", APPLICATION_NAME);
        props.setProperty("connectTimeout", "5");
        props.setProperty("loginTimeout", "10");
        props.setProperty("socketTimeout", "30");
        props.setProperty("tcpKeepAlive", "true");
        // statement_timeout keeps a lock-stuck catalog from hanging an operator's JMX call
        props.setProperty("options", "-c statement_timeout=15000 -c lock_timeout=3000");
        String url = withoutParams(s.url());
        // the agent's own connection: marked on this thread so discovery never takes it for the application's
        boolean outermost = PgjmxBridge.enterConnectionCreation(MonitorConnection.class);
        Connection c;
        try {
            c = driver.connect(url, props);
        } finally {
            PgjmxBridge.exitConnectionCreation(MonitorConnection.class, outermost);
        }
        if (c == null) {
            throw new SQLException("the PostgreSQL driver did not accept the URL " + Names.withoutPassword(url));
        }
        try {
            c.setAutoCommit(true);
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT current_setting('server_version_num')::int, "
                            + "current_setting('server_version'), pg_backend_pid(), current_user, "
                            + "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user)")) {
                rs.next();
                server = new ServerInfo(rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getBoolean(5));
            }
            if (!server.atLeast(ServerInfo.OLDEST_MAJOR)) {
                // say so once here rather than fail later on a missing pg_stat_activity column
                throw new SQLException("PostgreSQL " + server.version() + " is older than "
                        + ServerInfo.OLDEST_MAJOR + ", the oldest version pgjmx supports", "0A000");
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        connection = c;
        MONITOR_PIDS.add(server.backendPid());
        LOG.info("monitoring connection for {} opened: PostgreSQL {} as role {}{}, backend pid {}", dataSourceName,
                server.version(), server.role(), server.superuser() ? " (superuser)" : "", server.backendPid());
    }

    private static Driver driver(ClassLoader loader) throws SQLException {
        try {
            Class<?> type = Class.forName("org.postgresql.Driver", true, loader);
            return (Driver) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            throw new SQLException("the application's PostgreSQL driver (org.postgresql.Driver) cannot be loaded: " + e);
        }
    }

    /** The pool's URL without the parameters the monitoring connection sets itself. */
    static String withoutParams(String url) {
        return JdbcUrls.withoutParams(url, URL_PARAMS_WE_SET);
    }

    private static boolean isBroken(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }
}
