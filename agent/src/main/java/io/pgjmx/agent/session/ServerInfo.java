package io.pgjmx.agent.session;

/**
 * What the monitoring connection learns once per connection: the server and who it is there. The SQL asks
 * it which features the server has, so the version is read once, not per statement.
 */
public record ServerInfo(int versionNum, String version, int backendPid, String role, boolean superuser) {

    /** The oldest major version pgjmx supports: pg_stat_activity.backend_type arrived in 10. */
    static final int OLDEST_MAJOR = 10;

    boolean atLeast(int major) {
        return versionNum >= major * 10000;
    }

    /** pg_stat_activity.leader_pid (13+); older servers have no column, so the session shows null. */
    boolean hasLeaderPid() {
        return atLeast(13);
    }
}
