package io.pgjmx.agent.session;

import io.pgjmx.api.SessionAction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * pg_terminate_backend only signals; the contract promises more: true once the backend is gone. So it
 * signals, then polls pg_stat_activity until the pids have left it, on every version, for one pid and for a
 * bulk terminate alike (all pids within one deadline).
 *
 * <p>Not {@code pg_terminate_backend(pid, timeout)} (14+): that waits inside one statement, and its 5 s
 * wait would race the monitoring connection's statement timeout ({@code queryTimeout}, 5 s by default),
 * turning "signalled but still there" into an error. Short polls each stay far below that timeout.
 */
final class Termination {

    static final long WAIT_MILLIS = 5_000;
    private static final long POLL_MILLIS = 25;

    private Termination() {
    }

    /**
     * Terminates one backend and waits. True once it is gone; false when it was signalled but still there
     * when the wait ran out. A permission refusal is the server's SQLException (SQLSTATE 42501).
     */
    static boolean terminateAndWait(Connection c, int pid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SessionSql.signal(SessionAction.TERMINATE))) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return waitUntilGone(c, List.of(pid)).contains(pid);
                }
            }
            // false: not signalled, most often because the backend has just gone by itself
            if (!present(c, pid)) {
                return true;
            }
            throw new IllegalStateException("pid " + pid + " was not terminated: "
                    + SignalRefusals.warning(ps.getWarnings()));
        }
    }

    /** Polls until the signalled backends have left pg_stat_activity or the wait runs out; returns the gone. */
    static List<Integer> waitUntilGone(Connection c, List<Integer> pids) throws SQLException {
        if (pids.isEmpty()) {
            return List.of();
        }
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000L;
        TreeSet<Integer> present = new TreeSet<>(pids);
        try (PreparedStatement ps = c.prepareStatement(SessionSql.STILL_PRESENT)) {
            while (true) {
                ps.setString(1, SessionSql.pidList(present));
                TreeSet<Integer> still = new TreeSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        still.add(rs.getInt(1));
                    }
                }
                present = still;
                if (present.isEmpty() || System.nanoTime() > deadline) {
                    break;
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        List<Integer> gone = new ArrayList<>(pids);
        gone.removeAll(present);
        return gone;
    }

    private static boolean present(Connection c, int pid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SessionSql.PRESENT)) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
