package io.pgjmx.agent.session;

import io.pgjmx.agent.discovery.ConnectionSpec;
import io.pgjmx.agent.discovery.DataSourceRegistry;
import io.pgjmx.agent.discovery.PgJdbc;
import io.pgjmx.agent.log.Log;
import io.pgjmx.agent.util.JdbcUrls;
import io.pgjmx.agent.util.Names;
import io.pgjmx.bridge.PgjmxBridge;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The agent's own connection to one DataSource's server, never taken from the application's pool, so it
 * works when the pool is exhausted. It goes through the application's own pgjdbc driver with the pool's
 * URL and credentials (or the configured monitor role), is opened on first use, reconnects once when
 * broken, and is closed after a while idle so a fleet of JVMs holds no idle connections.
 *
 * <p>Nothing waits longer than {@code queryTimeout}: a caller waits at most that long for another caller's
 * query, every query runs under that statement timeout and a network timeout just above it, and a
 * connection whose server stopped answering is dropped and replaced on the next call. While the server
 * cannot be reached, connection attempts are paced (one per second, backing off to one per
 * {@link #MAX_BACKOFF_MILLIS}); calls in between fail at once with the last reason, so a fleet of JVMs does
 * not hammer a recovering server and an operator's call never hangs.
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

    static final long MIN_BACKOFF_MILLIS = 1000;
    static final long MAX_BACKOFF_MILLIS = 10_000;
    /** The network timeout is the statement timeout plus this, so a slow statement ends cleanly first. */
    private static final int NETWORK_MARGIN_MILLIS = 500;

    private final String dataSourceName;
    private final Supplier<ConnectionSpec> spec;
    private final String monitorUser;
    private final String monitorPassword;
    private final long timeoutMillis;
    /** Not {@code synchronized}: a caller must be able to give up waiting for a stuck one. */
    private final ReentrantLock lock = new ReentrantLock();
    private Connection connection;
    private volatile ServerInfo server;
    private volatile long lastUsedNanos = System.nanoTime();
    private volatile boolean reachable;
    private volatile String lastError;
    private long nextAttemptNanos;
    private long backoffMillis = MIN_BACKOFF_MILLIS;

    public MonitorConnection(String dataSourceName, Supplier<ConnectionSpec> spec, String monitorUser,
            String monitorPassword, long timeoutMillis) {
        this.dataSourceName = dataSourceName;
        this.spec = spec;
        this.monitorUser = monitorUser;
        this.monitorPassword = monitorPassword;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * {@link #call} for an MBean's caller: a failure becomes an IllegalStateException whose message says what
     * PostgreSQL answered, with no driver class in it (a remote JMX client could not deserialize one).
     */
    public <T> T callForClient(Work<T> work) {
        try {
            return call(work);
        } catch (SQLException e) {
            LOG.debug("query for {} failed", dataSourceName, e);
            throw new IllegalStateException("PostgreSQL refused or could not be reached for DataSource "
                    + dataSourceName + ": " + e.getMessage()
                    + (e.getSQLState() != null ? " (SQLSTATE " + e.getSQLState() + ")" : ""));
        }
    }

    public static Set<Integer> monitorPids() {
        return MONITOR_PIDS;
    }

    public <T> T call(Work<T> work) throws SQLException {
        acquire();
        try {
            lastUsedNanos = System.nanoTime();
            for (int attempt = 0; ; attempt++) {
                if (connection == null) {
                    open();
                }
                try {
                    T result = work.run(connection, server);
                    answered();
                    return result;
                } catch (SQLException e) {
                    if (isTimeout(e)) {
                        // the server (or the network) stopped answering: this connection cannot be trusted again
                        close();
                        throw failed(new SQLException(noAnswer() + "; the monitoring connection is replaced on "
                                + "the next call", "57014", e));
                    }
                    if (isStatementTimeout(e)) {
                        answered(); // the server did answer, with a cancel of its own
                        throw new SQLException(noAnswer() + " (statement_timeout; a lock or a busy catalog may "
                                + "hold it up)", e.getSQLState(), e);
                    }
                    if (attempt == 0 && isBroken(e)) {
                        LOG.info("monitoring connection for {} was lost ({}); reconnecting", dataSourceName,
                                e.getMessage());
                        close();
                        continue;
                    }
                    if (isBroken(e)) {
                        close();
                        throw failed(e);
                    }
                    answered();
                    throw e;
                } finally {
                    lastUsedNanos = System.nanoTime();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** True when the server answered the last attempt to reach it; false before the first one. */
    public boolean reachable() {
        return reachable;
    }

    /** Why the last attempt failed; null when it succeeded. */
    public String lastError() {
        return lastError;
    }

    public long timeoutMillis() {
        return timeoutMillis;
    }

    private void acquire() throws SQLException {
        boolean locked;
        try {
            locked = lock.tryLock(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the monitoring connection of " + dataSourceName);
        }
        if (!locked) {
            throw new SQLException(noAnswer() + ": another pgjmx query on this DataSource is still waiting for it",
                    "57014");
        }
    }

    private String noAnswer() {
        return "PostgreSQL did not answer within " + seconds(timeoutMillis);
    }

    static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private void answered() {
        reachable = true;
        lastError = null;
        backoffMillis = MIN_BACKOFF_MILLIS;
    }

    private SQLException failed(SQLException e) {
        reachable = false;
        lastError = e.getMessage();
        return e;
    }

    /** The server as last seen, without connecting; null before the first use. */
    public ServerInfo serverIfKnown() {
        return server;
    }

    /** Closes the connection when idle long enough; never waits for a caller that is using it. */
    public void closeIfIdle(long idleNanos) {
        if (connection != null && System.nanoTime() - lastUsedNanos > idleNanos && lock.tryLock()) {
            try {
                if (connection != null) {
                    LOG.debug("closing idle monitoring connection for {}", dataSourceName);
                    close();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Closes the connection; a caller still using it gets an error on its next read, not a wait. */
    @Override
    public void close() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                // abort, not close: close() would first write to a socket whose peer may not be reading
                c.abort(Runnable::run);
            } catch (SQLException | RuntimeException ignored) {
                // it is going away either way
            }
        }
        ServerInfo s = server;
        if (s != null) {
            MONITOR_PIDS.remove(s.backendPid());
        }
    }

    private void open() throws SQLException {
        long now = System.nanoTime();
        if (lastError != null && now < nextAttemptNanos) {
            throw new SQLException("PostgreSQL could not be reached for DataSource " + dataSourceName + ": "
                    + lastError + " (next attempt in " + seconds(TimeUnit.NANOSECONDS.toMillis(nextAttemptNanos - now))
                    + ")", "08001");
        }
        try {
            connect();
            answered();
        } catch (SQLException e) {
            nextAttemptNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMillis);
            backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS);
            throw failed(isTimeout(e) ? new SQLException(noAnswer() + " while connecting", "08001", e) : e);
        }
    }

    private void connect() throws SQLException {
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
        // pgjdbc takes whole seconds here; the network timeout set once connected is exact
        String wholeSeconds = String.valueOf(Math.max(1, (timeoutMillis + 999) / 1000));
        props.setProperty("connectTimeout", wholeSeconds);
        props.setProperty("loginTimeout", wholeSeconds);
        props.setProperty("socketTimeout", wholeSeconds);
        props.setProperty("tcpKeepAlive", "true");
        // statement_timeout ends a lock-stuck catalog query on the server, so the connection stays usable
        props.setProperty("options", "-c statement_timeout=" + timeoutMillis + " -c lock_timeout="
                + Math.min(3000, timeoutMillis));
        String url = withoutParams(s.url());
        // the agent's own connection: marked on this thread so discovery never takes it for the application's
        PgjmxBridge.enterConnectionCreation(DataSourceRegistry.AGENT_CONNECTION);
        Connection c;
        try {
            c = driver.connect(url, props);
        } finally {
            PgjmxBridge.exitConnectionCreation(DataSourceRegistry.AGENT_CONNECTION);
        }
        if (c == null) {
            throw new SQLException("the PostgreSQL driver did not accept the URL " + Names.withoutPassword(url));
        }
        try {
            c.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, timeoutMillis + NETWORK_MARGIN_MILLIS));
            c.setAutoCommit(true);
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(SessionSql.SERVER_INFO)) {
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
            Class<?> type = Class.forName(PgJdbc.DRIVER, true, loader);
            return (Driver) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            throw new SQLException("the application's PostgreSQL driver (org.postgresql.Driver) cannot be loaded: " + e);
        }
    }

    /** The pool's URL without the parameters the monitoring connection sets itself. */
    static String withoutParams(String url) {
        return JdbcUrls.withoutParams(url, URL_PARAMS_WE_SET);
    }

    /** A read that ran into the network timeout: the server or the network stopped answering. */
    private static boolean isTimeout(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The server cancelled the statement at statement_timeout (query_canceled). */
    private static boolean isStatementTimeout(SQLException e) {
        return "57014".equals(e.getSQLState()) && e.getMessage() != null && e.getMessage().contains("statement timeout");
    }

    private static boolean isBroken(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }
}
