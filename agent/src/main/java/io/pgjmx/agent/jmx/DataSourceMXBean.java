package io.pgjmx.agent.jmx;

import io.pgjmx.agent.session.Session;

/** {@code pgjmx:type=DataSource,name=NAME}: the sessions of one DataSource's PostgreSQL server. */
@Description("Sessions of the PostgreSQL server behind one application DataSource (pg_stat_activity), "
        + "with cancel and terminate. Queries run on pgjmx's own monitoring connection, never on the pool.")
public interface DataSourceMXBean {

    @Description("Name of the DataSource: the pool's own name, or SimpleClassName-N")
    String getName();

    @Description("Class of the pool or DataSource")
    String getPoolClass();

    @Description("JDBC URL of the DataSource (any password masked)")
    String getJdbcUrl();

    @Description("Database role the DataSource logs in as")
    String getUsername();

    @Description("PostgreSQL server_version, e.g. 15.18; null while the server has not been reached")
    String getServerVersion();

    @Description("True when the server answered pgjmx's last attempt to reach it")
    boolean isReachable();

    @Description("Why the last attempt to reach the server failed; null when it answered")
    String getLastError();

    @Description("Client sessions on the whole server, every database and role (a snapshot at most 1 s old); -1 while the server cannot be reached. OwnSessionCount is this pool's share")
    int getSessionCount();

    @Description("Sessions in state 'active'")
    int getActiveSessionCount();

    @Description("Sessions in state 'idle'")
    int getIdleSessionCount();

    @Description("Sessions in state 'idle in transaction' (including aborted)")
    int getIdleInTransactionSessionCount();

    @Description("Sessions waiting on a lock")
    int getWaitingSessionCount();

    @Description("Sessions opened by this DataSource in this JVM: the pool's share of SessionCount")
    int getOwnSessionCount();

    @Description("Age in seconds of the oldest open transaction; -1 when none")
    long getOldestTransactionSeconds();

    @Description("Age in seconds of the longest running active query; -1 when none")
    long getLongestQuerySeconds();

    @Description("Backend pids of the connections this DataSource opened in this JVM")
    int[] getOwnBackendPids();

    @Description("Client sessions matching the filter (empty = all). Filter terms: pid=N user= database= "
            + "application= client= state= state_age= xact_age= query_age= own= blocked= blocking= all")
    Session[] listSessions(
            @Description("e.g. 'state=idle_in_transaction state_age=5m' or 'user=app own=true'; empty for all")
            String filter);

    @Description("The sessions matching the filter as a fixed-width text table")
    String showSessions(
            @Description("e.g. 'state=idle_in_transaction state_age=5m'; empty for all") String filter);

    @Action
    @Description("Cancels the running query of one session (pg_cancel_backend); true once the signal was sent")
    boolean cancelSession(@Description("backend process id of the session") int pid);

    @Action
    @Description("Terminates one session (pg_terminate_backend) and waits up to 5 s for it to exit; true once "
            + "it is gone, false if it was signalled but had not exited yet")
    boolean terminateSession(@Description("backend process id of the session") int pid);

    @Action
    @Description("Cancels the running query of every session matching the filter; returns the pids signalled")
    int[] cancelSessions(
            @Description("required, e.g. 'state=active query_age=10m'; 'all' for every client session") String filter);

    @Action
    @Description("Terminates every session matching the filter; returns the pids terminated")
    int[] terminateSessions(
            @Description("required, e.g. 'state=idle_in_transaction state_age=5m'; 'all' for every client session")
            String filter);

    @Description("One session with the Java side of it, as text: the session, the thread of this JVM that holds "
            + "its connection with that thread's state and current stack, the borrow stack when kept "
            + "(borrowStacks=true), what it blocks and what blocks it")
    String explainSession(@Description("backend process id of the session") int pid);

    @Description("The same as explainSession for tools: session, holderThread, holderThreadState, heldSeconds, "
            + "currentStack, borrowStack (null when not kept), blocking, blockedBy")
    SessionDetail sessionDetail(@Description("backend process id of the session") int pid);

    @Description("Sessions that block others and wait on nobody, each with every session waiting on it "
            + "(directly or transitively), own, holderThread, state and xactSeconds")
    LockRoot[] lockRoots();

    @Description("Who waits on whom as an indented tree, roots first; terminating a root is the usual fix")
    String lockTree();

    @Description("Everything about this DataSource's incident in one JSON document: time, versions, the pool's own "
            + "figures, every session with the Java thread that holds it and its stack, the lock tree, and the "
            + "threads waiting for a connection. Written by itself to snapshotDir when the pool is exhausted")
    String incidentSnapshot();
}
