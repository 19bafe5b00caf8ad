package io.pgjmx.agent.jmx;

import io.pgjmx.agent.session.SessionCounts;
import io.pgjmx.agent.session.SessionService;

/** The MBean of one DataSource: fixed facts read at discovery, everything else from its SessionService. */
public final class DataSourceMBean implements DataSourceMXBean {

    private final String name;
    private final String poolClass;
    private final String jdbcUrl;
    private final String username;
    private final SessionService sessions;

    public DataSourceMBean(String name, String poolClass, String jdbcUrl, String username, SessionService sessions) {
        this.name = name;
        this.poolClass = poolClass;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.sessions = sessions;
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
        return sessions.serverVersion();
    }

    @Override
    public int getSessionCount() {
        return counts().sessions();
    }

    @Override
    public int getActiveSessionCount() {
        return counts().active();
    }

    @Override
    public int getIdleSessionCount() {
        return counts().idle();
    }

    @Override
    public int getIdleInTransactionSessionCount() {
        return counts().idleInTransaction();
    }

    @Override
    public int getWaitingSessionCount() {
        return counts().waiting();
    }

    @Override
    public int getOwnSessionCount() {
        return counts().own();
    }

    @Override
    public long getOldestTransactionSeconds() {
        return counts().oldestTransactionSeconds();
    }

    @Override
    public long getLongestQuerySeconds() {
        return counts().longestQuerySeconds();
    }

    @Override
    public int[] getOwnBackendPids() {
        return counts().ownBackendPids().clone();
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
        return sessions.cancel(pid);
    }

    @Override
    public boolean terminateSession(int pid) {
        return sessions.terminate(pid);
    }

    @Override
    public int[] cancelSessions(String filter) {
        return sessions.cancelAll(filter);
    }

    @Override
    public int[] terminateSessions(String filter) {
        return sessions.terminateAll(filter);
    }

    private SessionCounts counts() {
        return sessions.counts();
    }
}
