package io.pgjmx.agent.session;

import io.pgjmx.agent.log.Log;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The latest {@link Snapshot} of one DataSource's server, taken at most once a second and only when someone
 * reads it (a fleet of idle JVMs runs no queries). While one caller refreshes it, the others get the last
 * snapshot at once instead of queueing behind a server that may be slow to answer.
 */
public final class Snapshots {

    private static final Logger LOG = Log.get(Snapshots.class);
    static final long MAX_AGE_NANOS = 1_000_000_000L;

    private final String dataSourceName;
    private final MonitorConnection monitor;
    private final Supplier<int[]> ownPids;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    /** Null before the first snapshot and while the server cannot be reached. */
    private volatile Snapshot last;
    /** When the last refresh was tried: a failed one also counts, so a down server is asked once a second. */
    private volatile long triedAtNanos = System.nanoTime() - 2 * MAX_AGE_NANOS;

    public Snapshots(String dataSourceName, MonitorConnection monitor, Supplier<int[]> ownPids) {
        this.dataSourceName = dataSourceName;
        this.monitor = monitor;
        this.ownPids = ownPids;
    }

    /**
     * A snapshot at most a second old, taken now if need be; null when the server cannot be reached (then
     * {@link MonitorConnection#lastError()} says why). Never waits behind another caller's refresh.
     */
    public Snapshot current() {
        Snapshot s = last;
        if (System.nanoTime() - triedAtNanos <= MAX_AGE_NANOS) {
            return s;
        }
        if (!refreshing.compareAndSet(false, true)) {
            return s;
        }
        try {
            int[] own = ownPids.get();
            s = monitor.call((c, server) -> take(c, own));
        } catch (SQLException | RuntimeException e) {
            // the MBean shows the reason as LastError; a failure that is not the server's is ours to log
            if (e instanceof SQLException) {
                LOG.debug("snapshot of {} failed: {}", dataSourceName, e.toString());
            } else {
                LOG.warn("snapshot of {} failed: {}", dataSourceName, e.toString());
            }
            s = null;
        } finally {
            last = s;
            triedAtNanos = System.nanoTime();
            refreshing.set(false);
        }
        return s;
    }

    private static Snapshot take(Connection c, int[] own) throws SQLException {
        List<Object> params = SessionSql.params(SessionFilter.OWN_PIDS); // the CTE's own column, then WHERE's
        String where = SessionSql.where(SessionFilter.forListing(""), params,
                SessionSql.pidList(MonitorConnection.monitorPids()));
        String sql = SessionSql.snapshot(where);
        Map<String, int[]> byState = new LinkedHashMap<>();
        for (String state : Snapshot.STATES) {
            byState.put(state, new int[2]);
        }
        int waiting = 0;
        int blocking = 0;
        long oldest = -1;
        long longest = -1;
        int[] ownBackends = new int[0];
        try (PreparedStatement ps = SessionSql.prepare(c, sql, params, own); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int[] counts = byState.computeIfAbsent(rs.getString(1), k -> new int[2]);
                counts[rs.getBoolean(2) ? 0 : 1] += rs.getInt(3);
                waiting += rs.getInt(4);
                blocking += rs.getInt(5);
                oldest = Math.max(oldest, rs.getLong(6));
                longest = Math.max(longest, rs.getLong(7));
                int[] pids = SessionSql.ints(rs.getArray(8));
                if (pids.length > 0) {
                    ownBackends = concat(ownBackends, pids);
                }
            }
        }
        java.util.Arrays.sort(ownBackends);
        return new Snapshot(byState, waiting, blocking, oldest, longest, ownBackends, System.nanoTime());
    }

    private static int[] concat(int[] a, int[] b) {
        int[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
