package io.pgjmx.agent.session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;

/** Listing: the client sessions a filter matches, as {@link Session} rows, and the server's version. */
final class SessionQuery {

    private static final String INSUFFICIENT_PRIVILEGE = "<insufficient privilege>";

    private final MonitorConnection monitor;
    private final Supplier<int[]> ownPids;

    SessionQuery(MonitorConnection monitor, Supplier<int[]> ownPids) {
        this.monitor = monitor;
        this.ownPids = ownPids;
    }

    String serverVersion() {
        return monitor.callForClient((c, server) -> server.version());
    }

    /** Bad filter text is refused before any SQL runs. */
    List<Session> list(String filterText) {
        SessionFilter filter = SessionFilter.forListing(filterText);
        int[] own = ownPids.get();
        return monitor.callForClient((c, server) -> select(c, server, filter, own));
    }

    private static List<Session> select(Connection c, ServerInfo server, SessionFilter filter, int[] own)
            throws SQLException {
        List<Object> params = SessionSql.params(SessionFilter.OWN_PIDS);
        String where = SessionSql.where(filter, params, SessionSql.pidList(MonitorConnection.monitorPids()));
        List<Session> sessions = new ArrayList<>();
        try (PreparedStatement ps = SessionSql.prepare(c, SessionSql.list(server, where), params, own);
                ResultSet rs = ps.executeQuery()) {
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
}
