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

    private static String header(int width, Session s) {
        return new SessionTable(width, false).lines(List.of(s)).get(0);
    }

    @Test
    void columnsGoInTheOrderOfLeastTellingFirstAndTheMandatoryOnesStay() {
        Session s = session(1, "active", 3, 3, LONG_SQL);
        List<String> optional = List.of("CLIENT", "APPLICATION", "WAIT", "DATABASE", "STATE_AGE", "USER", "HOLDER");
        List<String> gone = new java.util.ArrayList<>();
        for (int width = 300; width >= 10; width--) {
            List<String> headers = List.of(header(width, s).split(" +"));
            for (String column : optional) {
                if (!headers.contains(column) && !gone.contains(column)) {
                    gone.add(column);
                }
            }
        }
        assertThat(gone).isEqualTo(optional);
        assertThat(new SessionTable(300, true).lines(List.of(s)).get(0).split(" +")).containsExactly("PID", "STATE",
                "XACT_AGE", "QUERY_AGE", "STATE_AGE", "BLOCKED_BY", "OWN", "HOLDER", "USER", "DATABASE", "APPLICATION", "CLIENT",
                "WAIT", "QUERY");
        assertThat(header(80, s).split(" +")).as("what decides an incident stays when every optional column went")
                .containsExactly("PID", "STATE", "XACT_AGE", "QUERY_AGE", "BLOCKED_BY", "OWN", "QUERY");
    }

    @Test
    void aColumnGoesOnlyWhenThirtyCharactersAreNotLeftForTheQuery() {
        Session s = session(1, "active", 3, 3, LONG_SQL);
        String full = header(1000, s);
        int columns = full.lastIndexOf("QUERY");
        int exact = columns + 30;

        List<String> fits = new SessionTable(exact, false).lines(List.of(s));
        assertThat(fits.get(0)).isEqualTo(full).contains("CLIENT");
        assertThat(fits.get(1)).hasSize(exact).endsWith(LONG_SQL.substring(0, 27) + "...");
        assertThat(fits.get(1).substring(columns)).isEqualTo(LONG_SQL.substring(0, 27) + "...");

        String oneShort = header(exact - 1, s);
        assertThat(oneShort).doesNotContain("CLIENT").contains("APPLICATION");
    }

    @Test
    void narrowCellsAreCappedAndWideShowsThemWhole() {
        String app = "a-very-long-application-name";
        Session s = new Session(1, null, "shop", "app", app, null, null, "client backend", "active", null, null, "q",
                null, null, null, null, -1, -1, -1, List.of(), false);
        assertThat(new SessionTable(300, false).lines(List.of(s)).get(1)).contains(app.substring(0, 17) + "...  ")
                .doesNotContain(app);
        assertThat(new SessionTable(300, true).lines(List.of(s)).get(1)).contains(app + "  ");
    }

    @Test
    void missingValuesShowAsADashOrNothing() {
        Session s = new Session(9, null, null, null, null, null, null, null, null, "Lock", null, null, null, null, null,
                null, -1, -1, -1, List.of(), false);
        List<String> row = List.of(new SessionTable(300, false).lines(List.of(s)).get(1).split(" +"));
        // PID, STATE, the three ages, BLOCKED_BY (empty), OWN, USER, DATABASE, APPLICATION, CLIENT, WAIT, QUERY
        assertThat(row).containsExactly("9", "-", "-", "-", "-", "no", "-", "-", "-", "-", "Lock", "-");
    }

    @Test
    void chosenColumnsAreShownAsChosenInTheirOrderAndNoneIsLeftOut() {
        Session s = session(42, "idle in transaction", 75, -1, LONG_SQL);
        SessionTable table = new SessionTable(40, false, io.pgjmx.api.SessionColumn.parse("own,pid,client"));
        List<String> lines = table.lines(List.of(s));
        assertThat(lines.get(0).split(" +")).containsExactly("OWN", "PID", "CLIENT");
        assertThat(lines.get(1).split(" +")).containsExactly("yes", "42", "10.0.0.7");
        assertThat(new SessionTable(300, false, io.pgjmx.api.SessionColumn.parse("PID,query")).lines(List.of(s)).get(1))
                .startsWith("42   select * from orders");
    }

    @Test
    void anUnknownColumnIsNamedWithTheValidOnes() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> io.pgjmx.api.SessionColumn.parse("pid,colour"))
                .hasMessage("unknown column 'colour'; valid columns: pid,state,xact_age,query_age,state_age,blocked_by,"
                        + "own,holder,user,database,application,client,wait,query");
    }

    @Test
    void renderIsTheLinesEachEndedByANewline() {
        List<Session> sessions = List.of(session(1, "active", 3, 3, "select 1"), session(2, "idle", -1, -1, "select 2"));
        SessionTable table = new SessionTable(100, false);
        assertThat(table.render(sessions)).isEqualTo(String.join("\n", table.lines(sessions)) + "\n");
        assertThat(table.render(List.of())).isEqualTo(table.lines(List.of()).get(0) + "\n");
    }

    @Test
    void cutKeepsWhatFitsAndMarksACutWhenThereIsRoom() {
        assertThat(SessionTable.cut("abcdef", 6)).isEqualTo("abcdef");
        assertThat(SessionTable.cut("abcdefg", 6)).isEqualTo("abc...");
        assertThat(SessionTable.cut("abcdefg", 4)).isEqualTo("a...");
        assertThat(SessionTable.cut("abcdefg", 3)).isEqualTo("abc");
        assertThat(SessionTable.cut("abcdefg", 1)).isEqualTo("a");
        assertThat(SessionTable.cut("abcdefg", 0)).isEmpty();
    }

    @Test
    void controlCharactersFromTheDatabaseAreShownVisiblyInEveryCell() {
        Session evil = new Session(3, null, "sh\u0007op", "ap\u001b]0;p", "or\u009bders", "10.0.0.7", 5555,
                "client backend", "act\u007five", "Lock", "transaction\u001bid", "select 1 /* \u001b[2J */",
                "2026-01-01T10:00:00.000Z", null, "2026-01-01T10:00:00.000Z", "2026-01-01T10:00:00.000Z", -1, 1, 1,
                List.of(), false);
        for (boolean wide : new boolean[] {true, false}) {
            String out = new SessionTable(400, wide).render(List.of(evil));
            assertThat(out).contains("select 1 /* \\x1b[2J */").contains("sh\\x07op").contains("ap\\x1b]0;p")
                    .contains("or\\x9bders").contains("act\\x7five").contains("Lock:transaction\\x1bid");
            assertThat(out.chars().filter(c -> c < 0x20 && c != '\n' || c >= 0x7f && c <= 0x9f).count()).isZero();
        }
    }
}
