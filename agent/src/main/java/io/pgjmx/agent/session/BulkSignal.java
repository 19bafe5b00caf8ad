package io.pgjmx.agent.session;

import io.pgjmx.api.SessionAction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code cancelSessions}/{@code terminateSessions}: one statement finds the sessions the filter matches and
 * signals every one of them the role may signal, so there is no gap in which a session could change between
 * being matched and being signalled; a terminate then waits once for the whole set.
 *
 * <p>PostgreSQL fails the whole statement when one backend in it may not be signalled, so the statement
 * asks the server's own privilege rule first and signals only where it holds; the sessions it skips are
 * reported as refused, with the role involved.
 */
final class BulkSignal {

    private static final String NO_LONGER_MATCHES = "no longer matches";
    private static final String GONE = "gone";

    /** The pids to answer with, the audit line's result, and the refusal to throw when nothing was hit. */
    record Outcome(int[] pids, String audit, SecurityException refusal) {
    }

    private final Connection c;
    private final ServerInfo server;
    private final SessionAction action;
    private final SessionFilter filter;
    private final int[] own;
    private final String monitorPids = SessionSql.pidList(MonitorConnection.monitorPids());
    private final List<Integer> matched = new ArrayList<>();
    private final List<Integer> signalled = new ArrayList<>();
    private final Map<Integer, String> refused = new LinkedHashMap<>();

    private BulkSignal(Connection c, ServerInfo server, SessionAction action, SessionFilter filter, int[] own) {
        this.c = c;
        this.server = server;
        this.action = action;
        this.filter = filter;
        this.own = own;
    }

    static Outcome run(Connection c, ServerInfo server, SessionAction action, SessionFilter filter, int[] own)
            throws SQLException {
        BulkSignal bulk = new BulkSignal(c, server, action, filter, own);
        try {
            bulk.signalAtOnce();
        } catch (SQLException e) {
            if (!SignalRefusals.isPermissionDenied(e)) {
                throw e;
            }
            // Only when this server's rule differs from allowed(): the pids signalled before the refused
            // one are not known, so each one that still matches is tried on its own.
            bulk.matched.clear();
            bulk.signalled.clear();
            bulk.refused.clear();
            bulk.signalEach();
        }
        return bulk.outcome();
    }

    private void signalAtOnce() throws SQLException {
        List<Object> params = new ArrayList<>();
        String where = SessionSql.where(filter, params, monitorPids);
        String sql = SessionSql.signalAll(action, server, where);
        try (PreparedStatement ps = SessionSql.prepare(c, sql, params, own); ResultSet rs = ps.executeQuery()) {
            List<Integer> notSignalled = new ArrayList<>();
            while (rs.next()) {
                int pid = rs.getInt(1);
                matched.add(pid);
                if (!rs.getBoolean(7)) {
                    SignalRefusals.Target t = new SignalRefusals.Target(pid, rs.getString(2), rs.getString(3),
                            rs.getBoolean(4), rs.getString(5), rs.getBoolean(6));
                    refused.put(pid, SignalRefusals.permissionDenied(action.verb(), pid, t, server));
                } else if (rs.getBoolean(8)) {
                    signalled.add(pid);
                } else {
                    notSignalled.add(pid);
                }
            }
            for (int pid : notSignalled) {
                refused.put(pid, "not signalled (" + warning(ps.getWarnings(), pid) + ")");
            }
        }
    }

    /** The server's warning about this pid; the text is localized, the number in it is not. */
    private static String warning(SQLWarning first, int pid) {
        Pattern number = Pattern.compile("(?<!\\d)" + pid + "(?!\\d)");
        for (SQLWarning w = first; w != null; w = w.getNextWarning()) {
            if (w.getMessage() != null && number.matcher(w.getMessage()).find()) {
                return w.getMessage();
            }
        }
        return SignalRefusals.warning(null);
    }

    /** One statement per pid, each checking the filter again; a refusal then concerns that pid alone. */
    private void signalEach() throws SQLException {
        List<Object> params = new ArrayList<>();
        String where = SessionSql.where(filter, params, monitorPids);
        try (PreparedStatement ps = SessionSql.prepare(c, SessionSql.matching(where), params, own);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                matched.add(rs.getInt(1));
            }
        }
        String sql = SessionSql.signalIfMatching(action, where);
        for (int pid : matched) {
            List<Object> again = new ArrayList<>(params);
            again.add(pid);
            try (PreparedStatement ps = SessionSql.prepare(c, sql, again, own); ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    refused.put(pid, NO_LONGER_MATCHES);
                } else if (rs.getBoolean(1)) {
                    signalled.add(pid);
                } else {
                    refused.put(pid, "not signalled (" + SignalRefusals.warning(ps.getWarnings()) + ")");
                }
            } catch (SQLException e) {
                if (!SignalRefusals.isPermissionDenied(e)) {
                    throw e;
                }
                SignalRefusals.Target t = SignalRefusals.lookup(c, pid);
                refused.put(pid, t == null ? GONE : SignalRefusals.permissionDenied(action.verb(), pid, t, server));
            }
        }
    }

    private Outcome outcome() throws SQLException {
        List<Integer> hit;
        String audit;
        if (action == SessionAction.TERMINATE) {
            hit = Termination.waitUntilGone(c, signalled);
            List<Integer> lingering = new ArrayList<>(signalled);
            lingering.removeAll(hit);
            audit = "count=" + hit.size() + " matched=" + matched + " terminated=" + hit
                    + (lingering.isEmpty() ? "" : " still-present=" + lingering) + refusedText();
        } else {
            hit = signalled;
            audit = "count=" + hit.size() + " matched=" + matched + " cancelled=" + hit + refusedText();
        }
        SecurityException refusal = null;
        boolean onlyVanished = refused.values().stream().allMatch(r -> r.equals(NO_LONGER_MATCHES) || r.equals(GONE));
        if (signalled.isEmpty() && !refused.isEmpty() && !onlyVanished) {
            refusal = new SecurityException("no session was " + action.past() + ": " + refusedText().trim());
        }
        return new Outcome(hit.stream().mapToInt(Integer::intValue).toArray(), audit, refusal);
    }

    private String refusedText() {
        if (refused.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(" refused=[");
        refused.forEach((pid, why) -> b.append(b.charAt(b.length() - 1) == '[' ? "" : "; ").append(pid).append(": ")
                .append(why));
        return b.append(']').toString();
    }
}
