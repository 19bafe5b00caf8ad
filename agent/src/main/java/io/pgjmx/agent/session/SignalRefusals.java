package io.pgjmx.agent.session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;

/**
 * Turns PostgreSQL's refusal to signal a backend into a message that names the role, the target and what
 * would allow it. PostgreSQL's own wording differs between versions; SQLSTATE 42501 does not.
 */
final class SignalRefusals {

    private SignalRefusals() {
    }

    static boolean isPermissionDenied(SQLException e) {
        return "42501".equals(e.getSQLState());
    }

    static String permissionDenied(String action, int pid, Target target, ServerInfo server) {
        String role = server.role();
        if (target.superuser() && !server.superuser()) {
            return "permission denied: role \"" + role + "\" may not " + action + " pid " + pid + " of role \""
                    + target.user() + "\": it is a superuser's session, and only superusers may signal those";
        }
        return "permission denied: role \"" + role + "\" may not " + action + " pid " + pid + " of role \""
                + target.user() + "\": it needs the privileges of role \"" + target.user()
                + "\" or of pg_signal_backend (GRANT pg_signal_backend TO \"" + role + "\")";
    }

    /** What the agent knows of the backend {@code pid}; null when there is none. */
    static Target lookup(Connection c, int pid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SessionSql.TARGET)) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Target(pid, rs.getString(1), rs.getString(2), rs.getBoolean(3),
                        rs.getString(4), rs.getBoolean(5)) : null;
            }
        }
    }

    /** Why the server did not signal: its warning, when it gave one. */
    static String warning(SQLWarning w) {
        return w == null ? "PostgreSQL gave no reason" : w.getMessage();
    }

    /** What the agent knows of a backend before it signals it. */
    record Target(int pid, String backendType, String user, boolean superuser, String applicationName,
            boolean clientBackend) {
    }
}
