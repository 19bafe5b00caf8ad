package io.pgjmx.api;

import java.util.List;

/**
 * The item names of a Session (CompositeData over JMX, a JSON object over Jolokia). {@link #ALL} is their
 * order in the contract and in the agent's Session constructor; CompositeType itself sorts them by name.
 * Ages are whole seconds, -1 when there is none; dates are {@code java.util.Date}.
 */
public final class SessionFields {

    public static final String PID = "pid";
    public static final String LEADER_PID = "leaderPid";
    public static final String DATABASE = "database";
    public static final String USER = "user";
    public static final String APPLICATION_NAME = "applicationName";
    public static final String CLIENT_ADDRESS = "clientAddress";
    public static final String CLIENT_PORT = "clientPort";
    public static final String BACKEND_TYPE = "backendType";
    public static final String STATE = "state";
    public static final String WAIT_EVENT_TYPE = "waitEventType";
    public static final String WAIT_EVENT = "waitEvent";
    public static final String QUERY = "query";
    public static final String BACKEND_START = "backendStart";
    public static final String TRANSACTION_START = "transactionStart";
    public static final String QUERY_START = "queryStart";
    public static final String STATE_CHANGE = "stateChange";
    public static final String TRANSACTION_SECONDS = "transactionSeconds";
    public static final String QUERY_SECONDS = "querySeconds";
    public static final String STATE_SECONDS = "stateSeconds";
    /** int[] from {@code pg_blocking_pids}. */
    public static final String BLOCKED_BY = "blockedBy";
    /** Opened by this DataSource in this JVM. */
    public static final String OWN = "own";
    /** Name of the Java thread that has the connection checked out; null when idle in the pool or not ours. */
    public static final String HOLDER_THREAD = "holderThread";
    /** That thread's id; -1 when none. */
    public static final String HOLDER_THREAD_ID = "holderThreadId";
    /** Whole seconds since that thread borrowed the connection; -1 when none. */
    public static final String HELD_SECONDS = "heldSeconds";

    public static final List<String> ALL = List.of(PID, LEADER_PID, DATABASE, USER, APPLICATION_NAME, CLIENT_ADDRESS,
            CLIENT_PORT, BACKEND_TYPE, STATE, WAIT_EVENT_TYPE, WAIT_EVENT, QUERY, BACKEND_START, TRANSACTION_START,
            QUERY_START, STATE_CHANGE, TRANSACTION_SECONDS, QUERY_SECONDS, STATE_SECONDS, BLOCKED_BY, OWN, HOLDER_THREAD,
            HOLDER_THREAD_ID, HELD_SECONDS);

    private SessionFields() {
    }
}
