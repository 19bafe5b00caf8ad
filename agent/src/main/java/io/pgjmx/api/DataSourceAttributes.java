package io.pgjmx.api;

import java.util.List;

/**
 * The attributes of a {@code pgjmx:type=DataSource,name=NAME} MBean. The counts come from one snapshot at
 * most a second old and read -1 while the server cannot be reached.
 */
public final class DataSourceAttributes {

    public static final String NAME = "Name";
    public static final String POOL_CLASS = "PoolClass";
    public static final String JDBC_URL = "JdbcUrl";
    public static final String USERNAME = "Username";
    public static final String SERVER_VERSION = "ServerVersion";
    public static final String SESSION_COUNT = "SessionCount";
    public static final String ACTIVE_SESSION_COUNT = "ActiveSessionCount";
    public static final String IDLE_SESSION_COUNT = "IdleSessionCount";
    public static final String IDLE_IN_TRANSACTION_SESSION_COUNT = "IdleInTransactionSessionCount";
    public static final String WAITING_SESSION_COUNT = "WaitingSessionCount";
    public static final String OWN_SESSION_COUNT = "OwnSessionCount";
    public static final String OLDEST_TRANSACTION_SECONDS = "OldestTransactionSeconds";
    public static final String LONGEST_QUERY_SECONDS = "LongestQuerySeconds";
    public static final String OWN_BACKEND_PIDS = "OwnBackendPids";
    public static final String REACHABLE = "Reachable";
    public static final String LAST_ERROR = "LastError";

    public static final List<String> ALL = List.of(NAME, POOL_CLASS, JDBC_URL, USERNAME, SERVER_VERSION,
            SESSION_COUNT, ACTIVE_SESSION_COUNT, IDLE_SESSION_COUNT, IDLE_IN_TRANSACTION_SESSION_COUNT,
            WAITING_SESSION_COUNT, OWN_SESSION_COUNT, OLDEST_TRANSACTION_SECONDS, LONGEST_QUERY_SECONDS,
            OWN_BACKEND_PIDS, REACHABLE, LAST_ERROR);

    private DataSourceAttributes() {
    }
}
