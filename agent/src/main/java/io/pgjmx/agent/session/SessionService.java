package io.pgjmx.agent.session;

import io.pgjmx.agent.holder.Holders;
import io.pgjmx.agent.holder.Holding;
import io.pgjmx.agent.jmx.Session;
import io.pgjmx.agent.log.Audit;
import io.pgjmx.agent.log.Log;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Lists, cancels and terminates the sessions of one DataSource's server through its monitoring connection.
 * Bad input is rejected before any SQL runs. Errors reach JMX and HTTP clients as JDK exceptions with a
 * message only (no driver classes in the cause chain, which a remote client could not deserialize).
 */
public final class SessionService {

    private static final Logger LOG = Log.get(SessionService.class);
    private static final String INSUFFICIENT_PRIVILEGE = "<insufficient privilege>";

    private final String dataSourceName;
    private final MonitorConnection monitor;
    private final Supplier<int[]> ownPids;
    private final boolean readOnly;
    private final Holders holders;

    public SessionService(String dataSourceName, MonitorConnection monitor, Supplier<int[]> ownPids,
            boolean readOnly) {
        this(dataSourceName, monitor, ownPids, readOnly, new Holders());
    }

    public SessionService(String dataSourceName, MonitorConnection monitor, Supplier<int[]> ownPids,
            boolean readOnly, Holders holders) {
        this.dataSourceName = dataSourceName;
        this.monitor = monitor;
        this.ownPids = ownPids;
        this.readOnly = readOnly;
        this.holders = holders;
    }

    /**
     * Every client session, each joined to the thread of this JVM that holds it, and those holders themselves
     * (their Thread objects, for explain). One query; the holders are read right after it.
     */
    public record Census(List<Session> sessions, Map<Integer, Holding> held) {
        public Session session(int pid) {
            for (Session s : sessions) {
                if (s.getPid() == pid) {
                    return s;
                }
            }
            return null;
        }
    }

    public Census census() {
        SessionFilter filter = SessionFilter.forListing("");
        int[] own = ownPids.get();
        return run(() -> monitor.call((c, server) -> {
            List<Session> rows = select(c, server, filter, own);
            Map<Integer, Holding> held = holders.byPid(own);
            return new Census(joined(rows, held), held);
        }));
    }

    public String serverVersion() {
        return run(() -> monitor.call((c, server) -> server.version()));
    }

    public List<Session> list(String filterText) {
        SessionFilter filter = SessionFilter.forListing(filterText);
        int[] own = ownPids.get();
        return run(() -> monitor.call((c, server) -> joined(select(c, server, filter, own),
                holders.byPid(own))));
    }

    /** The rows with their holders: read after the query, so a borrow the query saw is not missed. */
    private static List<Session> joined(List<Session> rows, Map<Integer, Holding> held) {
        if (held.isEmpty()) {
            return rows;
        }
        long now = System.nanoTime();
        List<Session> out = new ArrayList<>(rows.size());
        for (Session s : rows) {
            Holding h = held.get(s.getPid());
            out.add(h == null ? s : withHolder(s, h, now));
        }
        return out;
    }

    private static Session withHolder(Session s, Holding h, long now) {
        return new Session(s.getPid(), s.getLeaderPid(), s.getDatabase(), s.getUser(), s.getApplicationName(),
                s.getClientAddress(), s.getClientPort(), s.getBackendType(), s.getState(), s.getWaitEventType(),
                s.getWaitEvent(), s.getQuery(), s.getBackendStart(), s.getTransactionStart(), s.getQueryStart(),
                s.getStateChange(), s.getTransactionSeconds(), s.getQuerySeconds(), s.getStateSeconds(),
                s.getBlockedBy(), s.isOwn(), h.threadName(), h.threadId(), h.heldSeconds(now));
    }

    public boolean cancel(int pid) {
        return signalOne("cancel", pid);
    }

    public boolean terminate(int pid) {
        return signalOne("terminate", pid);
    }

    public int[] cancelAll(String filterText) {
        return signalAll("cancel", filterText);
    }

    public int[] terminateAll(String filterText) {
        return signalAll("terminate", filterText);
    }

    // --- listing -------------------------------------------------------------------------------------

    private List<Session> select(Connection c, ServerInfo server, SessionFilter filter, int[] own) throws SQLException {
        List<Object> params = SessionSql.params(SessionFilter.OWN_PIDS);
        String where = SessionSql.where(filter, params, SessionSql.pidList(MonitorConnection.monitorPids()));
        String sql = "SELECT " + SessionSql.columns(server) + " FROM pg_stat_activity a" + where
                + " ORDER BY a.xact_start NULLS LAST, a.query_start NULLS LAST, a.pid";
        List<Session> sessions = new ArrayList<>();
        try (PreparedStatement ps = SessionSql.prepare(c, sql, params, own); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                sessions.add(session(rs));
            }
        }
        return sessions;
    }

    private static Session session(ResultSet rs) throws SQLException {
        String query = rs.getString("query");
        return new Session(rs.getInt("pid"), (Integer) rs.getObject("leader_pid"), rs.getString("datname"),
                rs.getString("usename"), rs.getString("application_name"), rs.getString("client_addr"),
                (Integer) rs.getObject("client_port"), rs.getString("backend_type"), rs.getString("state"),
                rs.getString("wait_event_type"), rs.getString("wait_event"),
                INSUFFICIENT_PRIVILEGE.equals(query) ? null : query,
                date(rs.getTimestamp("backend_start")), date(rs.getTimestamp("xact_start")),
                date(rs.getTimestamp("query_start")), date(rs.getTimestamp("state_change")),
                rs.getLong("xact_seconds"), rs.getLong("query_seconds"), rs.getLong("state_seconds"),
                SessionSql.ints(rs.getArray("blocked_by")), rs.getBoolean("own"));
    }

    /** Exactly {@code java.util.Date}: CompositeData refuses the {@code Timestamp} subclass. */
    private static Date date(Timestamp ts) {
        return ts == null ? null : new Date(ts.getTime());
    }

    // --- signalling ----------------------------------------------------------------------------------

    private boolean signalOne(String action, int pid) {
        String target = "pid " + pid;
        try {
            if (readOnly) {
                throw new SecurityException(readOnlyMessage(action));
            }
            if (pid <= 0) {
                throw new IllegalArgumentException("pid must be a positive backend process id, got " + pid);
            }
            boolean result = run(() -> monitor.call((c, server) -> {
                SignalRefusals.Target t = lookup(c, pid);
                refuseUnlessClientSession(action, pid, t, server);
                try {
                    return action.equals("cancel") ? cancel(c, pid) : Termination.terminateAndWait(c, pid);
                } catch (SQLException e) {
                    if (SignalRefusals.isPermissionDenied(e)) {
                        throw new SecurityException(SignalRefusals.permissionDenied(action, pid, t, server));
                    }
                    throw e;
                }
            }));
            Audit.record(dataSourceName, action, target, result ? "ok" : "signalled, backend still present after "
                    + Termination.WAIT_MILLIS + " ms");
            return result;
        } catch (RuntimeException e) {
            Audit.record(dataSourceName, action, target, "refused: " + e.getMessage());
            throw e;
        }
    }

    /** Exactly one audit line per call, whatever its outcome. */
    private int[] signalAll(String action, String filterText) {
        String target = "filter \"" + filterText + "\"";
        BulkSignal.Outcome outcome;
        try {
            if (readOnly) {
                throw new SecurityException(readOnlyMessage(action));
            }
            SessionFilter filter = SessionFilter.forAction(filterText);
            int[] own = ownPids.get();
            outcome = run(() -> monitor.call((c, server) -> BulkSignal.run(c, server, action, filter, own)));
        } catch (RuntimeException e) {
            Audit.record(dataSourceName, action, target, "refused: " + e.getMessage());
            throw e;
        }
        Audit.record(dataSourceName, action, target, (outcome.refusal() == null ? "" : "refused: ") + outcome.audit());
        if (outcome.refusal() != null) {
            throw outcome.refusal();
        }
        return outcome.pids();
    }

    static SignalRefusals.Target lookup(Connection c, int pid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT a.backend_type, a.usename, r.rolsuper, "
                + "a.application_name, " + SessionSql.CLIENT_BACKEND + " FROM pg_stat_activity a LEFT JOIN pg_roles r ON r.oid = a.usesysid "
                + "WHERE a.pid = ?")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new SignalRefusals.Target(pid, rs.getString(1), rs.getString(2), rs.getBoolean(3),
                        rs.getString(4), rs.getBoolean(5)) : null;
            }
        }
    }

    private static void refuseUnlessClientSession(String action, int pid, SignalRefusals.Target t, ServerInfo server) {
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
                    + "; pgjmx only " + (action.equals("cancel") ? "cancels" : "terminates") + " client sessions");
        }
    }

    private static boolean cancel(Connection c, int pid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_cancel_backend(?)")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new IllegalStateException("pid " + pid + " was not cancelled: " + warning(ps.getWarnings()));
                }
                return true;
            }
        }
    }

    static String warning(SQLWarning w) {
        return w == null ? "PostgreSQL gave no reason" : w.getMessage();
    }

    private static String readOnlyMessage(String action) {
        return "refused: pgjmx runs read-only (readOnly=true), so " + action
                + " is disabled; restart the agent without readOnly to allow it";
    }

    // --- errors --------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    private <T> T run(SqlCall<T> call) {
        try {
            return call.call();
        } catch (SQLException e) {
            LOG.debug("query for {} failed", dataSourceName, e);
            throw new IllegalStateException("PostgreSQL refused or could not be reached for DataSource "
                    + dataSourceName + ": " + e.getMessage()
                    + (e.getSQLState() != null ? " (SQLSTATE " + e.getSQLState() + ")" : ""));
        }
    }
}
