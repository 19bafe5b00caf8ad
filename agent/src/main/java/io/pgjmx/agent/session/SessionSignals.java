package io.pgjmx.agent.session;

import io.pgjmx.api.SessionAction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Signalling: cancels or terminates one session, or every session a filter matches ({@link BulkSignal}),
 * and waits for terminated ones to go ({@link Termination}). Every call writes exactly one audit line,
 * whatever its outcome. Bad input and read-only mode are refused before any SQL runs.
 */
final class SessionSignals {

    private final String dataSourceName;
    private final MonitorConnection monitor;
    private final Supplier<int[]> ownPids;
    private final boolean readOnly;

    SessionSignals(String dataSourceName, MonitorConnection monitor, Supplier<int[]> ownPids, boolean readOnly) {
        this.dataSourceName = dataSourceName;
        this.monitor = monitor;
        this.ownPids = ownPids;
        this.readOnly = readOnly;
    }

    /** True once signalled (a terminate: once the backend is gone); false when a terminated one outlived the wait. */
    boolean signal(SessionAction action, int pid) {
        SignalAudit audit = new SignalAudit(dataSourceName, action, "pid " + pid);
        try {
            refuseIfReadOnly(action);
            if (pid <= 0) {
                throw new IllegalArgumentException("pid must be a positive backend process id, got " + pid);
            }
            boolean result = monitor.callForClient((c, server) -> signalOne(c, server, action, pid));
            audit.result(result ? "ok" : "signalled, backend still present after " + Termination.WAIT_MILLIS + " ms");
            return result;
        } catch (RuntimeException e) {
            audit.refused(e);
            throw e;
        }
    }

    /** The pids signalled (a terminate: those gone). */
    int[] signalAll(SessionAction action, String filterText) {
        SignalAudit audit = new SignalAudit(dataSourceName, action, "filter \"" + filterText + "\"");
        BulkSignal.Outcome outcome;
        try {
            refuseIfReadOnly(action);
            SessionFilter filter = SessionFilter.forAction(filterText);
            int[] own = ownPids.get();
            outcome = monitor.callForClient((c, server) -> BulkSignal.run(c, server, action, filter, own));
        } catch (RuntimeException e) {
            audit.refused(e);
            throw e;
        }
        audit.result((outcome.refusal() == null ? "" : "refused: ") + outcome.audit());
        if (outcome.refusal() != null) {
            throw outcome.refusal();
        }
        return outcome.pids();
    }

    private void refuseIfReadOnly(SessionAction action) {
        if (readOnly) {
            throw new SecurityException("refused: pgjmx runs read-only (readOnly=true), so " + action.verb()
                    + " is disabled; restart the agent without readOnly to allow it");
        }
    }

    private static boolean signalOne(Connection c, ServerInfo server, SessionAction action, int pid)
            throws SQLException {
        SignalRefusals.Target t = SignalRefusals.lookup(c, pid);
        refuseUnlessClientSession(action, pid, t, server);
        try {
            return action == SessionAction.CANCEL ? cancel(c, pid) : Termination.terminateAndWait(c, pid);
        } catch (SQLException e) {
            if (SignalRefusals.isPermissionDenied(e)) {
                throw new SecurityException(SignalRefusals.permissionDenied(action.verb(), pid, t, server));
            }
            throw e;
        }
    }

    private static void refuseUnlessClientSession(SessionAction action, int pid, SignalRefusals.Target t,
            ServerInfo server) {
        if (pid == server.backendPid()
                || (MonitorConnection.monitorPids().contains(pid) && t != null
                        && MonitorConnection.APPLICATION_NAME.equals(t.applicationName()))) {
            throw new IllegalArgumentException("pid " + pid + " is pgjmx's own monitoring connection; it is never "
                    + "cancelled or terminated");
        }
        if (t == null) {
            throw new IllegalArgumentException("no session with pid " + pid + " on this server; listSessions shows "
                    + "the pids there are");
        }
        if (!t.clientBackend()) {
            throw new IllegalArgumentException("pid " + pid + " is not a client backend but "
                    + (t.backendType() == null ? "a server process" : "the " + t.backendType())
                    + "; pgjmx only " + action.verbs() + " client sessions");
        }
    }

    private static boolean cancel(Connection c, int pid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SessionSql.signal(SessionAction.CANCEL))) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new IllegalStateException("pid " + pid + " was not cancelled: "
                            + SignalRefusals.warning(ps.getWarnings()));
                }
                return true;
            }
        }
    }
}
