package io.pgjmx.agent.jmx;

import io.pgjmx.agent.session.MonitorConnection;
import io.pgjmx.agent.session.ServerInfo;
import io.pgjmx.agent.session.Session;
import io.pgjmx.agent.session.SessionService;
import io.pgjmx.agent.session.Snapshot;
import io.pgjmx.agent.session.Snapshots;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * The MBean of one DataSource: fixed facts read at discovery, counts from the latest snapshot, the rest from
 * its SessionService. While the server cannot be reached the counts read -1 and {@code Reachable}/{@code
 * LastError} say so, so that reading all attributes still succeeds.
 */
public final class DataSourceMBean implements DataSourceMXBean {

    private final String name;
    private final String poolClass;
    private final String jdbcUrl;
    private final String username;
    private final SessionService sessions;
    private final Snapshots snapshots;
    private final MonitorConnection monitor;
    private final SignalTally tally = new SignalTally();
    private final Supplier<String> incidentSnapshot;

    public DataSourceMBean(String name, String poolClass, String jdbcUrl, String username, SessionService sessions,
            Snapshots snapshots, MonitorConnection monitor, Supplier<String> incidentSnapshot) {
        this.incidentSnapshot = incidentSnapshot;
        this.name = name;
        this.poolClass = poolClass;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.sessions = sessions;
        this.snapshots = snapshots;
        this.monitor = monitor;
    }

    public SignalTally tally() {
        return tally;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getPoolClass() {
        return poolClass;
    }

    @Override
    public String getJdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public String getServerVersion() {
        if (monitor.serverIfKnown() == null) {
            snapshots.current(); // connects, or fails fast while the server is down
        }
        ServerInfo server = monitor.serverIfKnown();
        return server == null ? null : server.version();
    }

    @Override
    public boolean isReachable() {
        snapshots.current();
        return monitor.reachable();
    }

    @Override
    public String getLastError() {
        snapshots.current();
        return monitor.lastError();
    }

    @Override
    public int getSessionCount() {
        return count(Snapshot::sessions);
    }

    @Override
    public int getActiveSessionCount() {
        return count(s -> s.inState("active"));
    }

    @Override
    public int getIdleSessionCount() {
        return count(s -> s.inState("idle"));
    }

    @Override
    public int getIdleInTransactionSessionCount() {
        return count(s -> s.inState("idle in transaction", "idle in transaction (aborted)"));
    }

    @Override
    public int getWaitingSessionCount() {
        return count(Snapshot::waiting);
    }

    @Override
    public int getOwnSessionCount() {
        return count(Snapshot::own);
    }

    @Override
    public long getOldestTransactionSeconds() {
        return seconds(Snapshot::oldestTransactionSeconds);
    }

    @Override
    public long getLongestQuerySeconds() {
        return seconds(Snapshot::longestQuerySeconds);
    }

    @Override
    public int[] getOwnBackendPids() {
        Snapshot s = snapshots.current();
        return s == null ? new int[0] : s.ownBackendPids().clone();
    }

    @Override
    public Session[] listSessions(String filter) {
        return sessions.list(filter).toArray(new Session[0]);
    }

    @Override
    public String showSessions(String filter) {
        return SessionTable.render(sessions.list(filter));
    }

    @Override
    public boolean cancelSession(int pid) {
        return tallied(false, () -> sessions.cancel(pid));
    }

    @Override
    public boolean terminateSession(int pid) {
        return tallied(true, () -> sessions.terminate(pid));
    }

    @Override
    public int[] cancelSessions(String filter) {
        return talliedAll(false, () -> sessions.cancelAll(filter));
    }

    @Override
    public int[] terminateSessions(String filter) {
        return talliedAll(true, () -> sessions.terminateAll(filter));
    }

    @Override
    public String explainSession(int pid) {
        SessionExplainer.requirePid(pid);
        return new SessionExplainer(sessions.census()).explain(pid, name);
    }

    @Override
    public SessionDetail sessionDetail(int pid) {
        SessionExplainer.requirePid(pid);
        return new SessionExplainer(sessions.census()).detail(pid);
    }

    @Override
    public LockRoot[] lockRoots() {
        return new SessionExplainer(sessions.census()).lockRoots();
    }

    @Override
    public String lockTree() {
        return new SessionExplainer(sessions.census()).lockTree();
    }

    @Override
    public String incidentSnapshot() {
        return incidentSnapshot.get();
    }

    private int count(ToIntFunction<Snapshot> count) {
        Snapshot s = snapshots.current();
        return s == null ? -1 : count.applyAsInt(s);
    }

    private long seconds(ToLongFunction<Snapshot> seconds) {
        Snapshot s = snapshots.current();
        return s == null ? -1 : seconds.applyAsLong(s);
    }

    private boolean tallied(boolean terminate, Supplier<Boolean> action) {
        try {
            boolean done = action.get();
            tally.add(terminate, done ? SignalTally.OK : SignalTally.TIMEOUT, 1);
            return done;
        } catch (RuntimeException e) {
            tally.failed(terminate, e);
            throw e;
        }
    }

    private int[] talliedAll(boolean terminate, Supplier<int[]> action) {
        try {
            int[] done = action.get();
            tally.add(terminate, SignalTally.OK, done.length);
            return done;
        } catch (RuntimeException e) {
            tally.failed(terminate, e);
            throw e;
        }
    }
}
