package io.pgjmx.console.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgjmx.console.client.Session;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionTableTest {

    private static Session session(int pid, String state, long xact, long query, String sql) {
        return new Session(pid, null, "shop", "app", "orders-service", "10.0.0.7", 5555, "client backend", state,
                "Lock", "transactionid", sql, "2026-01-01T10:00:00.000Z", xact < 0 ? null : "2026-01-01T10:00:00.000Z",
                "2026-01-01T10:00:00.000Z", "2026-01-01T10:00:00.000Z", xact, query, 5, List.of(7, 8), true);
    }

    private static final String LONG_SQL = "select * from orders o join order_lines l on l.order_id = o.id\n where "
            + "o.customer_id = $1 and o.created_at > now() - interval '30 days' order by o.created_at desc";

    @Test
    void linesFitTheWidthAndTheQueryIsCut() {
        for (int width : new int[] {60, 80, 120, 200}) {
            List<String> lines = new SessionTable(width, false).lines(List.of(session(1, "active", 3, 3, LONG_SQL)));
            assertThat(lines).allSatisfy(l -> assertThat(l.length()).as("width %d: %s", width, l).isLessThanOrEqualTo(width));
            assertThat(lines.get(0)).startsWith("PID").contains("STATE").contains("XACT_AGE").contains("BLOCKED_BY")
                    .endsWith("QUERY");
            assertThat(lines.get(1)).startsWith("1 ").contains("7,8").doesNotContain("\n");
        }
        assertThat(new SessionTable(200, false).lines(List.of(session(1, "active", 3, 3, LONG_SQL))).get(0))
                .contains("APPLICATION").contains("CLIENT").contains("WAIT");
        assertThat(new SessionTable(80, false).lines(List.of(session(1, "active", 3, 3, LONG_SQL))).get(0))
                .doesNotContain("APPLICATION").doesNotContain("CLIENT");
    }

    @Test
    void wideShowsTheWholeQueryOnOneLine() {
        List<String> lines = new SessionTable(80, true).lines(List.of(session(1, "active", 3, 3, LONG_SQL)));
        assertThat(lines.get(1)).contains(LONG_SQL.replaceAll("\\s+", " ")).contains("orders-service");
    }

    @Test
    void longestTransactionFirstThenLongestQuery() {
        List<Session> sorted = LongestFirst.sort(List.of(session(1, "idle", -1, -1, "x"), session(2, "active", 10, 1, "x"),
                session(3, "active", 10, 9, "x"), session(4, "idle in transaction", 600, -1, "x")));
        assertThat(sorted).extracting(Session::pid).containsExactly(4, 3, 2, 1);
    }

    @Test
    void agesReadAtAGlance() {
        assertThat(Ages.format(-1)).isEqualTo("-");
        assertThat(Ages.format(42)).isEqualTo("42s");
        assertThat(Ages.format(725)).isEqualTo("12m05s");
        assertThat(Ages.format(3 * 3600 + 7 * 60)).isEqualTo("3h07m");
        assertThat(Ages.format(2 * 86400 + 4 * 3600)).isEqualTo("2d04h");
    }
}
