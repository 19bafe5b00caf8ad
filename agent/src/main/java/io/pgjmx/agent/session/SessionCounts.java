package io.pgjmx.agent.session;

/** The counts of one snapshot of {@code pg_stat_activity}; the MBean's attributes all read one of these. */
public record SessionCounts(int sessions, int active, int idle, int idleInTransaction, int waiting, int own,
        long oldestTransactionSeconds, long longestQuerySeconds, int[] ownBackendPids) {
}
