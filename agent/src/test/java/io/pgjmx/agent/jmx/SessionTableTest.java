package io.pgjmx.agent.jmx;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgjmx.agent.session.Session;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text table showSessions gives JConsole: one aligned row per session and the count. */
class SessionTableTest {

    private static final String ROW = "%-4s  %-19s  %-8s  %-9s  %-9s  %-10s  %-3s  %-6s  %-4s  %-8s  %-11s  %-8s  %-17s  %s\n";

    private static Session session(int pid, String user, String state, long xact, String waitType, String wait,
            int[] blockedBy, boolean own, String query) {
        Date t = new Date(0);
        return new Session(pid, null, user == null ? null : "shop", user, user == null ? null : "orders",
                user == null ? null : "10.0.0.7", 5432, "client backend", state, waitType, wait, query, t, t, t, t,
                xact, xact < 0 ? -1 : xact - 5, xact < 0 ? -1 : 3, blockedBy, own);
    }

    @Test
    void rowsAreAlignedUnderTheirHeadersAndMissingValuesShowAsADash() {
        String table = SessionTable.render(List.of(
                session(4242, "app", "idle in transaction", 75, "Client", "ClientRead", new int[0], true,
                        "update orders\n   set paid = true"),
                session(77, null, null, -1, null, null, new int[] {4242, 4243}, false, null)));

        assertThat(table).isEqualTo(
                String.format(ROW, "PID", "STATE", "XACT_AGE", "QUERY_AGE", "STATE_AGE", "BLOCKED_BY", "OWN", "HOLDER", "USER",
                        "DATABASE", "APPLICATION", "CLIENT", "WAIT", "QUERY")
                + String.format(ROW, "4242", "idle in transaction", "75", "70", "3", "", "yes", "-", "app", "shop", "orders",
                        "10.0.0.7", "Client:ClientRead", "update orders set paid = true")
                + String.format(ROW, "77", "-", "-", "-", "-", "4242,4243", "no", "-", "-", "-", "-", "-", "", "-")
                + "(2 sessions)\n");
    }

    @Test
    void theCountSaysSessionOrSessions() {
        assertThat(SessionTable.render(List.of())).endsWith("QUERY\n(0 sessions)\n");
        assertThat(SessionTable.render(List.of(session(1, "a", "idle", 0, null, null, new int[0], false, "q"))))
                .endsWith("\n(1 session)\n");
    }

    @Test
    void aZeroAgeIsShownAsZero() {
        String row = SessionTable.render(List.of(session(1, "a", "active", 5, null, null, new int[0], false, "q")))
                .split("\n")[1];
        assertThat(row.split(" +")).containsSubsequence("1", "active", "5", "0", "3");
    }

    @Test
    void longCellsAndQueriesAreCutVisibly() {
        String cell30 = "a".repeat(30);
        String cell31 = "b".repeat(31);
        String query80 = "q".repeat(80);
        String query81 = "r".repeat(81);
        String table = SessionTable.render(List.of(
                session(1, cell30, "active", 1, null, null, new int[0], false, query80),
                session(2, cell31, "active", 1, null, null, new int[0], false, query81)));
        String[] lines = table.split("\n");

        assertThat(lines[1]).contains(cell30 + "  ").endsWith("  " + query80);
        assertThat(lines[2]).contains("b".repeat(29) + "~  ").doesNotContain(cell31)
                .endsWith("  " + "r".repeat(77) + "...");
    }

    @Test
    void controlCharactersFromTheDatabaseAreShownVisiblyNeverRaw() {
        String table = SessionTable.render(List.of(session(9, "ev\u001bil", "active", 1, null, null, new int[0], false,
                "select 1 /* \u001b[2J */\u009b")));
        assertThat(table).contains("ev\\x1bil").contains("select 1 /* \\x1b[2J */\\x9b")
                .doesNotContain("\u001b").doesNotContain("\u009b");
        assertThat(table.chars().filter(c -> c < 0x20 && c != '\n').count()).isZero();
    }

    @Test
    void theHolderIsTheThreadAndHowLongItHeldTheConnection() {
        Date t = new Date(0);
        Session held = new Session(5, null, "shop", "app", "orders", null, null, "client backend",
                "idle in transaction", null, null, "q", t, t, t, t, 42, -1, 40, new int[0], true, "http-nio-8080-exec-7",
                31, 42);
        String row = SessionTable.render(List.of(held)).split("\n")[1];
        assertThat(row).contains("  yes  http-nio-8080-exec-7 (42s)  app  ");
    }
}
