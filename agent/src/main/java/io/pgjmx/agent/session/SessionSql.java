package io.pgjmx.agent.session;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The SQL over {@code pg_stat_activity}, shaped for the server version (columns a version lacks are
 * selected as NULL). Every value is a bind parameter.
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

    private SessionSql() {
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
