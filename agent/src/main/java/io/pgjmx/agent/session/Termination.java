package io.pgjmx.agent.session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * pg_terminate_backend only signals; the contract promises more: true once the backend is gone. How to
 * wait depends on the server:
 * <ul>
 * <li>one pid on 14+: {@code pg_terminate_backend(pid, timeout)} waits on the server, one round trip;
 * <li>one pid before 14, and every bulk terminate: signal, then poll pg_stat_activity until the pids
 *     have left it. A bulk terminate signals every pid first and waits for all of them within one
 *     deadline, where the timeout form would wait up to the full time for each pid in turn.
 * </ul>
 * Both waits end at the same point: an exiting backend leaves pg_stat_activity before it leaves the
 * process array that the server-side wait watches, so "gone" means the same on every version.
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
    static boolean terminateAndWait(Connection c, ServerInfo server, int pid) throws SQLException {
        boolean waited = server.terminateCanWait();
        try (PreparedStatement ps = c.prepareStatement(waited ? "SELECT pg_terminate_backend(?, ?)"
                : "SELECT pg_terminate_backend(?)")) {
            ps.setInt(1, pid);
            if (waited) {
                ps.setLong(2, WAIT_MILLIS);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return waited || waitUntilGone(c, List.of(pid)).contains(pid);
                }
            }
            // false: not signalled (no such backend any more), or on 14+ signalled but not gone in time.
            // Which of the two is told by whether it is still there; the server's warning text is localized.
            if (!present(c, pid)) {
                return true;
            }
            if (waited) {
                return false;
            }
            throw new IllegalStateException("pid " + pid + " was not terminated: "
                    + SessionService.warning(ps.getWarnings()));
        }
    }

    /** Polls until the signalled backends have left pg_stat_activity or the wait runs out; returns the gone. */
    static List<Integer> waitUntilGone(Connection c, List<Integer> pids) throws SQLException {
        if (pids.isEmpty()) {
            return List.of();
        }
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000L;
        TreeSet<Integer> present = new TreeSet<>(pids);
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pid FROM pg_stat_activity WHERE pid = ANY (string_to_array(?, ',')::int[])")) {
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
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_stat_activity WHERE pid = ?")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
