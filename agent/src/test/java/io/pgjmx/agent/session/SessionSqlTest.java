package io.pgjmx.agent.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a filter's conditions join the query: each in parentheses after the client-session condition, with
 * the parameters in the order of their placeholders. What the SQL selects is checked on real servers by
 * the ITs (VersionMatrixIT on 10, 14 and 18).
 */
class SessionSqlTest {

    private static long placeholders(String sql) {
        return sql.chars().filter(c -> c == '?').count();
    }

    @Test
    void theMonitorPidsComeFirstThenEachConditionsParametersInOrder() {
        SessionFilter filter = SessionFilter.forListing("user=app pid=5,6 own=false state_age=5m blocked=true");
        List<Object> params = new ArrayList<>();
        String where = SessionSql.where(filter, params, "77,78");

        assertThat(params).containsExactly("77,78", "app", "5,6", SessionFilter.OWN_PIDS, 300.0);
        assertThat(placeholders(where)).isEqualTo(params.size());
        StringBuilder expected = new StringBuilder(" WHERE " + SessionSql.CLIENT_SESSIONS);
        for (SessionFilter.Condition c : filter.conditions()) {
            expected.append(" AND (").append(c.sql()).append(')');
        }
        assertThat(where).isEqualTo(expected.toString());
    }

    @Test
    void theParametersAreAppendedToThoseAlreadyBound() {
        List<Object> params = SessionSql.params("first", 2);
        String where = SessionSql.where(SessionFilter.forListing(""), params, "");
        assertThat(params).containsExactly("first", 2, "");
        assertThat(where).isEqualTo(" WHERE " + SessionSql.CLIENT_SESSIONS);
        params.add("more");
        assertThat(params).hasSize(4);
    }

    @Test
    void pidListsAreCommaSeparatedInOrder() {
        assertThat(SessionSql.pidList(new int[0])).isEmpty();
        assertThat(SessionSql.pidList(new int[] {5})).isEqualTo("5");
        assertThat(SessionSql.pidList(new int[] {9, 5, 7})).isEqualTo("9,5,7");
        assertThat(SessionSql.pidList(new LinkedHashSet<>(List.of(9, 5, 7)))).isEqualTo("9,5,7");
    }

    @Test
    void leaderPidIsSelectedOnlyWhereTheColumnExists() {
        String on12 = SessionSql.columns(new ServerInfo(120022, "12.22", 1, "postgres", true));
        String on13 = SessionSql.columns(new ServerInfo(130000, "13.0", 1, "postgres", true));
        assertThat(on12).doesNotContain("a.leader_pid").contains(" AS leader_pid");
        assertThat(on13).contains("a.leader_pid AS leader_pid");
        // one parameter either way: the DataSource's own pids
        assertThat(placeholders(on12)).isEqualTo(1);
        assertThat(placeholders(on13)).isEqualTo(1);
    }

    @Test
    void anAgeIsMinusOneWhereItsStartIsNull() {
        // GREATEST alone would turn a NULL start into 0; the contract says -1 for "none"
        assertThat(SessionSql.seconds("a.xact_start")).startsWith("CASE WHEN a.xact_start IS NULL THEN -1 ELSE ")
                .contains("statement_timestamp() - a.xact_start");
        assertThat(SessionSql.columns(new ServerInfo(180006, "18.6", 1, "postgres", true)))
                .contains(SessionSql.seconds("a.xact_start") + " AS xact_seconds")
                .contains(SessionSql.seconds("a.state_change") + " AS state_seconds");
    }
}
