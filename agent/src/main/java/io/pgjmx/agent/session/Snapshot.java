package io.pgjmx.agent.session;

import java.util.List;
import java.util.Map;

/**
 * One look at {@code pg_stat_activity}: what the count attributes and {@code /metrics} read, so that reading
 * all of them costs one query. Sessions are the client backends the listing shows (the agent's own
 * monitoring connections left out).
 *
 * @param byState PostgreSQL's state text (or {@code unknown} where the role may not see it) to
 *        {@code {own, not own}} counts
 * @param blocking sessions holding a lock that another session waits for
 * @param oldestTransactionSeconds -1 when no transaction is open
 * @param longestQuerySeconds -1 when no query is running
 */
public record Snapshot(Map<String, int[]> byState, int waiting, int blocking, long oldestTransactionSeconds,
        long longestQuerySeconds, int[] ownBackendPids, long takenAtNanos) {

    public static final String UNKNOWN_STATE = "unknown";
    /**
     * PostgreSQL's state texts: always present in a snapshot (0 when no session is in them), so that a
     * graph or an alert on one state reads 0, not "no data", once its sessions are gone.
     */
    public static final List<String> STATES = List.of("active", "idle", "idle in transaction",
            "idle in transaction (aborted)", "fastpath function call", "disabled");

    public int sessions() {
        return byState.values().stream().mapToInt(c -> c[0] + c[1]).sum();
    }

    public int own() {
        return byState.values().stream().mapToInt(c -> c[0]).sum();
    }

    public int inState(String... states) {
        int n = 0;
        for (String state : states) {
            int[] c = byState.get(state);
            if (c != null) {
                n += c[0] + c[1];
            }
        }
        return n;
    }
}
