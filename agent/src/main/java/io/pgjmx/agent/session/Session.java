package io.pgjmx.agent.session;

import io.pgjmx.api.SessionFields;
import java.util.Date;
import javax.management.ConstructorParameters;

/**
 * One row of {@code pg_stat_activity}, as the MXBean framework maps it to CompositeData (and Jolokia to a
 * JSON object): the item names are the contract's field names ({@link SessionFields}, in its order). Ages are whole seconds, -1 when there is
 * none or the monitoring role may not see it; text fields the role may not see are null.
 */
public final class Session {

    private final int pid;
    private final Integer leaderPid;
    private final String database;
    private final String user;
    private final String applicationName;
    private final String clientAddress;
    private final Integer clientPort;
    private final String backendType;
    private final String state;
    private final String waitEventType;
    private final String waitEvent;
    private final String query;
    private final Date backendStart;
    private final Date transactionStart;
    private final Date queryStart;
    private final Date stateChange;
    private final long transactionSeconds;
    private final long querySeconds;
    private final long stateSeconds;
    private final int[] blockedBy;
    private final boolean own;
    private final String holderThread;
    private final long holderThreadId;
    private final long heldSeconds;

    /** A session no thread of this JVM holds. */
    public Session(int pid, Integer leaderPid, String database, String user, String applicationName,
            String clientAddress, Integer clientPort, String backendType, String state, String waitEventType,
            String waitEvent, String query, Date backendStart, Date transactionStart, Date queryStart,
            Date stateChange, long transactionSeconds, long querySeconds, long stateSeconds, int[] blockedBy,
            boolean own) {
        this(pid, leaderPid, database, user, applicationName, clientAddress, clientPort, backendType, state,
                waitEventType, waitEvent, query, backendStart, transactionStart, queryStart, stateChange,
                transactionSeconds, querySeconds, stateSeconds, blockedBy, own, null, -1, -1);
    }

    @ConstructorParameters({SessionFields.PID, SessionFields.LEADER_PID, SessionFields.DATABASE, SessionFields.USER,
            SessionFields.APPLICATION_NAME, SessionFields.CLIENT_ADDRESS, SessionFields.CLIENT_PORT,
            SessionFields.BACKEND_TYPE, SessionFields.STATE, SessionFields.WAIT_EVENT_TYPE, SessionFields.WAIT_EVENT,
            SessionFields.QUERY, SessionFields.BACKEND_START, SessionFields.TRANSACTION_START, SessionFields.QUERY_START,
            SessionFields.STATE_CHANGE, SessionFields.TRANSACTION_SECONDS, SessionFields.QUERY_SECONDS,
            SessionFields.STATE_SECONDS, SessionFields.BLOCKED_BY, SessionFields.OWN, SessionFields.HOLDER_THREAD,
            SessionFields.HOLDER_THREAD_ID, SessionFields.HELD_SECONDS})
    public Session(int pid, Integer leaderPid, String database, String user, String applicationName,
            String clientAddress, Integer clientPort, String backendType, String state, String waitEventType,
            String waitEvent, String query, Date backendStart, Date transactionStart, Date queryStart,
            Date stateChange, long transactionSeconds, long querySeconds, long stateSeconds, int[] blockedBy,
            boolean own, String holderThread, long holderThreadId, long heldSeconds) {
        this.pid = pid;
        this.leaderPid = leaderPid;
        this.database = database;
        this.user = user;
        this.applicationName = applicationName;
        this.clientAddress = clientAddress;
        this.clientPort = clientPort;
        this.backendType = backendType;
        this.state = state;
        this.waitEventType = waitEventType;
        this.waitEvent = waitEvent;
        this.query = query;
        this.backendStart = backendStart;
        this.transactionStart = transactionStart;
        this.queryStart = queryStart;
        this.stateChange = stateChange;
        this.transactionSeconds = transactionSeconds;
        this.querySeconds = querySeconds;
        this.stateSeconds = stateSeconds;
        this.blockedBy = blockedBy;
        this.own = own;
        this.holderThread = holderThread;
        this.holderThreadId = holderThreadId;
        this.heldSeconds = heldSeconds;
    }

    public int getPid() {
        return pid;
    }

    public Integer getLeaderPid() {
        return leaderPid;
    }

    public String getDatabase() {
        return database;
    }

    public String getUser() {
        return user;
    }

    public String getApplicationName() {
        return applicationName;
    }

    public String getClientAddress() {
        return clientAddress;
    }

    public Integer getClientPort() {
        return clientPort;
    }

    public String getBackendType() {
        return backendType;
    }

    public String getState() {
        return state;
    }

    public String getWaitEventType() {
        return waitEventType;
    }

    public String getWaitEvent() {
        return waitEvent;
    }

    public String getQuery() {
        return query;
    }

    public Date getBackendStart() {
        return backendStart;
    }

    public Date getTransactionStart() {
        return transactionStart;
    }

    public Date getQueryStart() {
        return queryStart;
    }

    public Date getStateChange() {
        return stateChange;
    }

    public long getTransactionSeconds() {
        return transactionSeconds;
    }

    public long getQuerySeconds() {
        return querySeconds;
    }

    public long getStateSeconds() {
        return stateSeconds;
    }

    public int[] getBlockedBy() {
        return blockedBy.clone();
    }

    public boolean isOwn() {
        return own;
    }

    /** Name of the Java thread that has this connection checked out; null when idle in the pool or not ours. */
    public String getHolderThread() {
        return holderThread;
    }

    /** Id of that thread; -1 when none. */
    public long getHolderThreadId() {
        return holderThreadId;
    }

    /** Whole seconds since that thread borrowed the connection; -1 when none. */
    public long getHeldSeconds() {
        return heldSeconds;
    }
}
