package io.pgjmx.agent.session;

import io.pgjmx.api.SessionAction;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every SQL text the agent runs, in one place: over {@code pg_stat_activity}, shaped for the server version
 * (columns a version lacks are selected as NULL), the filter's conditions, the signals and the waits. Every
 * value is a bind parameter.
 */
final class SessionSql {

    /**
     * A client backend as the monitoring role can tell one. A role without pg_read_all_stats sees
     * backend_type as NULL on other roles' sessions; those rows still show datid and usesysid (checked on
     * 10, 14 and 18), which server processes (checkpointer, walwriter, autovacuum, the logical replication
     * launcher, ...) never have both of. Background workers attached to a database (parallel workers,
     * logical replication workers) of other roles do, so without pg_read_all_stats they pass as sessions;
     * the README says so.
     */
    static final String CLIENT_BACKEND = "(a.backend_type = 'client backend' OR (a.backend_type IS NULL "
            + "AND a.datid IS NOT NULL AND a.usesysid IS NOT NULL))";

    /** Client backends, minus every monitoring connection of this JVM (including the one running the query). */
    static final String CLIENT_SESSIONS = CLIENT_BACKEND + " AND a.pid <> pg_backend_pid() "
            + "AND NOT (a.application_name = 'pgjmx' AND a.pid = ANY (string_to_array(?, ',')::int[]))";

    /** The monitoring connection's server and role, read once per connection. */
    static final String SERVER_INFO = "SELECT current_setting('server_version_num')::int, "
            + "current_setting('server_version'), pg_backend_pid(), current_user, "
            + "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user)";

    /** What the agent knows of one backend before it signals it ({@link SignalRefusals.Target}). */
    static final String TARGET = "SELECT a.backend_type, a.usename, r.rolsuper, a.application_name, "
            + CLIENT_BACKEND + " FROM pg_stat_activity a LEFT JOIN pg_roles r ON r.oid = a.usesysid WHERE a.pid = ?";

    /** Whether one backend is still there. */
    static final String PRESENT = "SELECT 1 FROM pg_stat_activity WHERE pid = ?";

    /** Which of a list of pids are still there. */
    static final String STILL_PRESENT = "SELECT pid FROM pg_stat_activity WHERE pid = ANY (string_to_array(?, ',')::int[])";

    // --- the filter's conditions over pg_stat_activity a ---------------------------------------------------

    static final String USER = "a.usename";
    static final String DATABASE = "a.datname";
    static final String APPLICATION = "a.application_name";
    static final String CLIENT = "host(a.client_addr)";
    static final String STATE_CHANGE = "a.state_change";
    static final String XACT_START = "a.xact_start";
    static final String PID = "a.pid = ?";
    static final String PID_IN = "a.pid = ANY (string_to_array(?, ',')::int[])";
    static final String STATE = "a.state = ?";
    static final String QUERY_AGE = "a.state IN ('active', 'fastpath function call') AND "
            + "a.query_start <= statement_timestamp() - make_interval(secs => ?)";

    private SessionSql() {
    }

    static String equalTo(String column) {
        return column + " = ?";
    }

    /** The pattern is bound with {@code %} and {@code _} escaped by a backslash. */
    static String like(String column) {
        return column + " LIKE ? ESCAPE '\\'";
    }

    /** The column's time is at least the bound number of seconds ago. */
    static String age(String column) {
        return column + " <= statement_timestamp() - make_interval(secs => ?)";
    }

    static String own(boolean own) {
        return (own ? "" : "NOT ") + PID_IN;
    }

    static String blocked(boolean blocked) {
        return "cardinality(pg_blocking_pids(a.pid)) " + (blocked ? "> 0" : "= 0");
    }

    static String blocking(boolean blocking) {
        return (blocking ? "" : "NOT ") + "EXISTS (SELECT 1 FROM pg_stat_activity w "
                + "WHERE a.pid = ANY (pg_blocking_pids(w.pid)))";
    }

    // --- statements --------------------------------------------------------------------------------------

    /** {@code listSessions}: the oldest transactions and queries first. */
    static String list(ServerInfo server, String where) {
        return "SELECT " + columns(server) + " FROM pg_stat_activity a" + where
                + " ORDER BY a.xact_start NULLS LAST, a.query_start NULLS LAST, a.pid";
    }

    /** The server function that sends the action's signal. */
    static String function(SessionAction action) {
        return action == SessionAction.CANCEL ? "pg_cancel_backend" : "pg_terminate_backend";
    }

    /** Signals one pid; true when the signal was sent. */
    static String signal(SessionAction action) {
        return "SELECT " + function(action) + "(?)";
    }

    /**
     * A bulk signal in one statement: each session the filter matches, what the agent knows of it, whether the
     * role may signal it ({@link #allowed}) and, only where it may, the signal. The signal sits in the select
     * list, which runs only for rows the WHERE kept; in the WHERE the planner may call it before the filter's
     * own conditions.
     */
    static String signalAll(SessionAction action, ServerInfo server, String where) {
        String allowed = allowed(server);
        return "SELECT a.pid, a.backend_type, a.usename, COALESCE(r.rolsuper, false), a.application_name, "
                + CLIENT_BACKEND + ", " + allowed + ", CASE WHEN " + allowed + " THEN " + function(action)
                + "(a.pid) END FROM pg_stat_activity a LEFT JOIN pg_roles r ON r.oid = a.usesysid" + where
                + " ORDER BY a.pid";
    }

    /**
     * PostgreSQL's rule for signalling a backend (signalfuncs.c, 10 to 18): a superuser's backend only by a
     * superuser; any other by a role with the privileges of the backend's role or of pg_signal_backend
     * ({@code pg_has_role(..., 'USAGE')} is that "has the privileges of", true for superusers). Since 16 a
     * backend without a role yet (still authenticating) counts as a superuser's.
     */
    static String allowed(ServerInfo server) {
        String superuser = "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user)";
        String signalBackend = "pg_has_role('pg_signal_backend', 'USAGE')";
        return "(CASE WHEN COALESCE(r.rolsuper, false) THEN " + superuser
                + " WHEN a.usesysid IS NULL THEN " + (server.atLeast(16) ? superuser
                        : "(" + superuser + " OR " + signalBackend + ")")
                + " ELSE (pg_has_role(a.usesysid, 'USAGE') OR " + signalBackend + ") END)";
    }

    /** The pids the filter matches. */
    static String matching(String where) {
        return "SELECT a.pid FROM pg_stat_activity a" + where + " ORDER BY a.pid";
    }

    /** Signals one pid if it still matches the filter (the pid is the last parameter). */
    static String signalIfMatching(SessionAction action, String where) {
        return "SELECT " + function(action) + "(a.pid) FROM pg_stat_activity a" + where + " AND a.pid = ?";
    }

    /**
     * The snapshot's figures: one row per (state, own); the blockers are the sessions named by a waiter's
     * pg_blocking_pids. Parameters: the own pids (the CTE's own column), then the WHERE's.
     */
    static String snapshot(String where) {
        return "WITH s AS (SELECT a.pid, a.state, a.wait_event_type, a.xact_start, a.query_start, "
                + "a.pid = ANY (string_to_array(?, ',')::int[]) AS own FROM pg_stat_activity a" + where + "), "
                + "blockers AS (SELECT DISTINCT unnest(pg_blocking_pids(s.pid)) AS pid FROM s "
                + "WHERE s.wait_event_type = 'Lock') "
                + "SELECT COALESCE(s.state, '" + Snapshot.UNKNOWN_STATE + "'), s.own, count(*), "
                + "count(*) FILTER (WHERE s.wait_event_type = 'Lock'), "
                + "count(*) FILTER (WHERE s.pid IN (SELECT pid FROM blockers)), "
                + "COALESCE(max(" + seconds("s.xact_start") + "), -1), "
                + "COALESCE(max(" + seconds("s.query_start")
                + ") FILTER (WHERE s.state IN ('active', 'fastpath function call')), -1), "
                + "array_agg(s.pid ORDER BY s.pid) FILTER (WHERE s.own) "
                + "FROM s GROUP BY 1, 2";
    }

    static String columns(ServerInfo server) {
        // backend_type (10+) and pg_blocking_pids (9.6+) exist on every supported version; leader_pid does not
        return "a.pid, " + (server.hasLeaderPid() ? "a.leader_pid" : "NULL::int") + " AS leader_pid, a.datname, "
                + "a.usename, a.application_name, host(a.client_addr) AS client_addr, a.client_port, a.backend_type, "
                + "a.state, a.wait_event_type, a.wait_event, a.query, a.backend_start, a.xact_start, a.query_start, "
                + "a.state_change, "
                + seconds("a.xact_start") + " AS xact_seconds, "
                + "CASE WHEN a.state IN ('active', 'fastpath function call') THEN " + seconds("a.query_start")
                + " ELSE -1 END AS query_seconds, "
                + seconds("a.state_change") + " AS state_seconds, "
                + "pg_blocking_pids(a.pid) AS blocked_by, "
                + "a.pid = ANY (string_to_array(?, ',')::int[]) AS own";
    }

    /** Whole seconds since the column's time; -1 when it is NULL (GREATEST alone would turn NULL into 0). */
    static String seconds(String column) {
        return "CASE WHEN " + column + " IS NULL THEN -1 ELSE GREATEST(0, floor(EXTRACT(EPOCH FROM "
                + "(statement_timestamp() - " + column + "))))::bigint END";
    }

    /** {@code WHERE} over client sessions and the filter's conditions; parameters in order. */
    static String where(SessionFilter filter, List<Object> params, String monitorPids) {
        StringBuilder sql = new StringBuilder(" WHERE ").append(CLIENT_SESSIONS);
        params.add(monitorPids);
        for (SessionFilter.Condition c : filter.conditions()) {
            sql.append(" AND (").append(c.sql()).append(')');
            params.addAll(c.params());
        }
        return sql.toString();
    }

    static String pidList(int[] pids) {
        StringBuilder b = new StringBuilder();
        for (int pid : pids) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(pid);
        }
        return b.toString();
    }

    static String pidList(Set<Integer> pids) {
        return pids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    static PreparedStatement prepare(Connection c, String sql, List<Object> params, int[] ownPids)
            throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            int i = 1;
            for (Object p : params) {
                if (p == SessionFilter.OWN_PIDS) {
                    ps.setString(i++, pidList(ownPids));
                } else if (p instanceof Integer v) {
                    ps.setInt(i++, v);
                } else if (p instanceof Double v) {
                    ps.setDouble(i++, v);
                } else {
                    ps.setString(i++, (String) p);
                }
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    static List<Object> params(Object... first) {
        List<Object> list = new ArrayList<>();
        for (Object o : first) {
            list.add(o);
        }
        return list;
    }

    /** A PostgreSQL int[] as Java's; empty for NULL. */
    static int[] ints(Array array) throws SQLException {
        if (array == null) {
            return new int[0];
        }
        Object[] values = (Object[]) array.getArray();
        int[] ints = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            ints[i] = ((Number) values[i]).intValue();
        }
        return ints;
    }
}
