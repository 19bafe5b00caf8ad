package io.pgjmx.agent.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The refusal names the role, the target and what would allow it; only SQLSTATE 42501 is a refusal. */
class SignalRefusalsTest {

    private static final SignalRefusals.Target ALICES = new SignalRefusals.Target(42, "client backend", "alice", false,
            "app", true);
    private static final SignalRefusals.Target SUPERUSERS = new SignalRefusals.Target(43, "client backend", "postgres",
            true, "psql", true);

    private static ServerInfo as(String role, boolean superuser) {
        return new ServerInfo(180006, "18.6", 1, role, superuser);
    }

    @Test
    void onlyInsufficientPrivilegeIsAPermissionRefusal() {
        assertThat(SignalRefusals.isPermissionDenied(new SQLException("must be a member", "42501"))).isTrue();
        assertThat(SignalRefusals.isPermissionDenied(new SQLException("terminating connection", "57P01"))).isFalse();
        assertThat(SignalRefusals.isPermissionDenied(new SQLException("no state"))).isFalse();
    }

    @Test
    void anotherRolesSessionNeedsItsPrivilegesOrPgSignalBackend() {
        assertThat(SignalRefusals.permissionDenied("cancel", 42, ALICES, as("bob", false)))
                .isEqualTo("permission denied: role \"bob\" may not cancel pid 42 of role \"alice\": it needs the "
                        + "privileges of role \"alice\" or of pg_signal_backend (GRANT pg_signal_backend TO \"bob\")");
    }

    @Test
    void aSuperusersSessionOnlyASuperuserMaySignal() {
        assertThat(SignalRefusals.permissionDenied("terminate", 43, SUPERUSERS, as("bob", false)))
                .isEqualTo("permission denied: role \"bob\" may not terminate pid 43 of role \"postgres\": it is a "
                        + "superuser's session, and only superusers may signal those");
        // a superuser refused for another reason is not told it lacks superuser
        assertThat(SignalRefusals.permissionDenied("terminate", 43, SUPERUSERS, as("admin", true)))
                .endsWith("(GRANT pg_signal_backend TO \"admin\")");
    }
}
