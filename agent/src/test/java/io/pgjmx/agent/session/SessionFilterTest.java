package io.pgjmx.agent.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SessionFilterTest {

    @Test
    void termsBecomeConditionsWithBindValues() {
        SessionFilter f = SessionFilter.forAction("user=another_dbuser, state=idle_in_transaction state_age=5m");
        assertThat(f.conditions()).extracting(SessionFilter.Condition::sql)
                .containsExactly("a.usename = ?", "a.state = ?",
                        "a.state_change <= statement_timestamp() - make_interval(secs => ?)");
        assertThat(f.conditions()).flatExtracting(SessionFilter.Condition::params)
                .containsExactly("another_dbuser", "idle in transaction", 300.0);
    }

    @Test
    void quotedValuesHoldSpacesCommasAndQuotes() {
        SessionFilter f = SessionFilter.forListing("application='my app, v2' state='idle in transaction' user='o''brien'");
        assertThat(f.conditions()).flatExtracting(SessionFilter.Condition::params)
                .containsExactly("my app, v2", "idle in transaction", "o'brien");
    }

    @Test
    void starIsAWildcardAndLikeCharactersAreEscaped() {
        SessionFilter f = SessionFilter.forListing("application=batch_* client=10.0.*");
        assertThat(f.conditions()).extracting(SessionFilter.Condition::sql)
                .containsExactly("a.application_name LIKE ? ESCAPE '\\'", "host(a.client_addr) LIKE ? ESCAPE '\\'");
        assertThat(f.conditions()).flatExtracting(SessionFilter.Condition::params)
                .containsExactly("batch\\_%", "10.0.%");
    }

    @Test
    void durations() {
        assertThat(SessionFilter.seconds("t", "90")).isEqualTo(90);
        assertThat(SessionFilter.seconds("t", "90s")).isEqualTo(90);
        assertThat(SessionFilter.seconds("t", "5m")).isEqualTo(300);
        assertThat(SessionFilter.seconds("t", "2h")).isEqualTo(7200);
        assertThat(SessionFilter.seconds("t", "1d")).isEqualTo(86400);
        for (String bad : List.of("5x", "-1", "1.5m", "m", "5 m")) {
            assertThatThrownBy(() -> SessionFilter.seconds("t", bad)).hasMessageContaining("not a duration");
        }
    }

    @Test
    void allAndEmpty() {
        assertThat(SessionFilter.forAction("all").isAll()).isTrue();
        assertThat(SessionFilter.forAction("all").conditions()).isEmpty();
        assertThat(SessionFilter.forListing("").conditions()).isEmpty();
        assertThatThrownBy(() -> SessionFilter.forAction(" ")).hasMessageContaining("'all'");
        assertThatThrownBy(() -> SessionFilter.forAction(null)).hasMessageContaining("empty filter");
    }

    @Test
    void everyStateHasAnUnderscoreFormAndPostgresText() {
        for (var e : SessionFilter.STATES.entrySet()) {
            assertThat(SessionFilter.forListing("state=" + e.getKey()).conditions().get(0).params()).containsExactly(e.getValue());
            assertThat(SessionFilter.forListing("state='" + e.getValue() + "'").conditions().get(0).params())
                    .containsExactly(e.getValue());
        }
    }

    @Test
    void pidListIsOneTermBoundAsOneParameter() {
        SessionFilter f = SessionFilter.forAction("pid=101,102,103 application=holder");
        assertThat(f.conditions()).hasSize(2);
        assertThat(f.conditions().get(0).sql()).isEqualTo("a.pid = ANY (string_to_array(?, ',')::int[])");
        assertThat(f.conditions().get(0).params()).containsExactly("101,102,103");
        assertThat(f.conditions().get(1).params()).containsExactly("holder");
        // a comma before another KEY=VALUE term (or all) still separates terms
        SessionFilter g = SessionFilter.forListing("pid=7,8,state=idle,all");
        assertThat(g.conditions()).hasSize(2);
        assertThat(g.conditions().get(0).params()).containsExactly("7,8");
        assertThat(g.conditions().get(1).params()).containsExactly("idle");
        assertThat(g.isAll()).isTrue();
        // duplicates collapse; one pid stays a plain equality
        assertThat(SessionFilter.forListing("pid=5,5,6").conditions().get(0).params()).containsExactly("5,6");
        assertThat(SessionFilter.forListing("pid=5").conditions().get(0).sql()).isEqualTo("a.pid = ?");
        assertThat(SessionFilter.forListing("pid=5").conditions().get(0).params()).containsExactly(5);
        assertThat(SessionFilter.forListing("user=x,pid=9").conditions().get(1).params()).containsExactly(9);
    }

    @Test
    void badPidInAListNamesTheTermAndTheValue() {
        assertThatThrownBy(() -> SessionFilter.forListing("pid=101,abc,103"))
                .hasMessageContaining("filter term 'pid=101,abc,103'").hasMessageContaining("'abc' is not a pid")
                .hasMessageContaining("positive whole number");
        assertThatThrownBy(() -> SessionFilter.forListing("pid=1,0")).hasMessageContaining("'0' is not a pid");
        assertThatThrownBy(() -> SessionFilter.forListing("pid=1,99999999999")).hasMessageContaining("'99999999999'");
        assertThatThrownBy(() -> SessionFilter.forListing("pid=1,-2 state=idle"))
                .hasMessageContaining("filter term 'pid=1,-2'");
    }

    @Test
    void errorsNameTheTermAndTheValidChoices() {
        assertThatThrownBy(() -> SessionFilter.forListing("usr=x")).hasMessageContaining("'usr'")
                .hasMessageContaining("valid keys: pid, user, database, application, client, state");
        assertThatThrownBy(() -> SessionFilter.forListing("state=asleep")).hasMessageContaining("state=asleep")
                .hasMessageContaining("idle_in_transaction_aborted");
        assertThatThrownBy(() -> SessionFilter.forListing("pid=abc")).hasMessageContaining("positive whole number");
        assertThatThrownBy(() -> SessionFilter.forListing("pid=-4")).hasMessageContaining("positive whole number");
        assertThatThrownBy(() -> SessionFilter.forListing("user='x")).hasMessageContaining("unbalanced quote");
        assertThatThrownBy(() -> SessionFilter.forListing("user='x'y")).hasMessageContaining("followed by a space");
        assertThatThrownBy(() -> SessionFilter.forListing("user=")).hasMessageContaining("no value");
        assertThatThrownBy(() -> SessionFilter.forListing("all=true")).hasMessageContaining("takes no value");
        assertThatThrownBy(() -> SessionFilter.forListing("blocked=yes")).hasMessageContaining("true or false");
    }

    @Test
    void keysAreCaseInsensitive() {
        assertThat(SessionFilter.forListing("USER=App STATE=ACTIVE").conditions()).flatExtracting(SessionFilter.Condition::params)
                .containsExactly("App", "active");
    }

    @Test
    void aFilterWithoutAllIsNotAll() {
        assertThat(SessionFilter.forListing("state=idle").isAll()).isFalse();
        assertThat(SessionFilter.forListing("").isAll()).isFalse();
        assertThat(SessionFilter.forAction("all state=idle").isAll()).isTrue();
        assertThat(SessionFilter.forAction("ALL").isAll()).isTrue();
    }

    @Test
    void theFilterReadsAsTheUserWroteIt() {
        assertThat(SessionFilter.forListing("  state=idle,  user=app \t").toString()).isEqualTo("state=idle,  user=app");
        assertThat(SessionFilter.forListing(null).toString()).isEmpty();
    }

    @Test
    void ownMatchesTheDataSourcesBackendsOrTheOthers() {
        SessionFilter.Condition own = SessionFilter.forListing("own=true").conditions().get(0);
        SessionFilter.Condition others = SessionFilter.forListing("own=FALSE").conditions().get(0);
        // the pids are bound when the query runs: the filter holds a placeholder that reads as such in a log
        assertThat(own.params()).containsExactly(SessionFilter.OWN_PIDS);
        assertThat(others.params()).containsExactly(SessionFilter.OWN_PIDS);
        assertThat(String.valueOf(SessionFilter.OWN_PIDS)).isEqualTo("<own pids>");
        assertThat(others.sql()).isEqualTo("NOT " + own.sql());
        assertThat(own.sql()).doesNotStartWith("NOT");
    }

    @Test
    void blockedAndBlockingTakeNoParametersAndFalseIsTheNegation() {
        SessionFilter.Condition blocking = SessionFilter.forListing("blocking=True").conditions().get(0);
        SessionFilter.Condition notBlocking = SessionFilter.forListing("blocking=false").conditions().get(0);
        assertThat(blocking.params()).isEmpty();
        assertThat(notBlocking.sql()).isEqualTo("NOT " + blocking.sql());
        assertThat(blocking.sql()).doesNotStartWith("NOT");

        SessionFilter.Condition blocked = SessionFilter.forListing("blocked=true").conditions().get(0);
        SessionFilter.Condition notBlocked = SessionFilter.forListing("blocked=FALSE").conditions().get(0);
        assertThat(blocked.params()).isEmpty();
        assertThat(notBlocked.params()).isEmpty();
        // blocked: at least one pid blocks it; not blocked: none
        assertThat(blocked.sql()).endsWith("> 0");
        assertThat(notBlocked.sql()).isEqualTo(blocked.sql().replace("> 0", "= 0"));
        for (String bad : List.of("blocked=1", "blocking=yes", "own=t")) {
            assertThatThrownBy(() -> SessionFilter.forListing(bad))
                    .hasMessage("filter term '" + bad + "': give true or false");
        }
    }

    @Test
    void eachTextKeyMatchesItsOwnColumn() {
        SessionFilter f = SessionFilter.forListing("user=u database=d application=a client=10.0.0.1");
        assertThat(f.conditions()).flatExtracting(SessionFilter.Condition::params).containsExactly("u", "d", "a", "10.0.0.1");
        assertThat(f.conditions()).extracting(SessionFilter.Condition::sql).doesNotHaveDuplicates()
                .allSatisfy(sql -> assertThat(sql).endsWith(" = ?"));
    }

    @Test
    void aStarAnywhereIsAWildcardAndOnlyAStarIs() {
        assertThat(SessionFilter.forListing("application=*batch").conditions().get(0).params()).containsExactly("%batch");
        assertThat(SessionFilter.forListing("user=*").conditions().get(0).params()).containsExactly("%");
        assertThat(SessionFilter.forListing("user='100%_sure\\'").conditions().get(0).params())
                .containsExactly("100%_sure\\");
        assertThat(SessionFilter.forListing("user='100%_sure\\*'").conditions().get(0).params())
                .containsExactly("100\\%\\_sure\\\\%");
    }

    @Test
    void ageKeysBindSecondsAndQueryAgeOnlyCountsRunningQueries() {
        SessionFilter f = SessionFilter.forListing("state_age=90 xact_age=2h query_age=1d");
        assertThat(f.conditions()).flatExtracting(SessionFilter.Condition::params).containsExactly(90.0, 7200.0, 86400.0);
        assertThat(f.conditions()).extracting(SessionFilter.Condition::sql).doesNotHaveDuplicates();
        assertThat(SessionFilter.forListing("XACT_AGE=5M").conditions().get(0).params()).containsExactly(300.0);
        assertThat(SessionFilter.seconds("t", "999999999d")).isEqualTo(999_999_999L * 86400);
        assertThatThrownBy(() -> SessionFilter.forListing("query_age=soon"))
                .hasMessage("filter term 'query_age=soon': 'soon' is not a duration; write a whole number with an "
                        + "optional unit s, m, h or d, e.g. 90, 90s, 5m, 2h, 1d");
        assertThatThrownBy(() -> SessionFilter.seconds("t", "1234567890")).hasMessageContaining("not a duration");
    }

    @Test
    void aStrayQuoteNamesTheTermAsFarAsItGoes() {
        assertThatThrownBy(() -> SessionFilter.forListing("state=idle user=o'brien"))
                .hasMessage("filter term 'user=o'brien' has a stray quote: quote a whole value, as in application='my app'");
        // a long rest is shown in part: 20 characters after the quote
        assertThatThrownBy(() -> SessionFilter.forListing("user=o'" + "x".repeat(40)))
                .hasMessageStartingWith("filter term 'user=o'" + "x".repeat(20) + "' has a stray quote");
    }

    @Test
    void quoteErrorsNameTheWholeRestOfTheFilter() {
        assertThatThrownBy(() -> SessionFilter.forListing("state=idle user='o''brien"))
                .hasMessage("filter term 'user='o''brien' has an unbalanced quote: a value quoted with ' needs a closing ' "
                        + "(write '' for a quote inside)");
        assertThatThrownBy(() -> SessionFilter.forListing("user='a'b state=idle"))
                .hasMessage("filter term 'user='a'b state=idle': a quoted value must be followed by a space or a comma");
        // an empty quoted value is a value; followed by a comma it ends the term
        assertThat(SessionFilter.forListing("application='',state=idle").conditions())
                .flatExtracting(SessionFilter.Condition::params).containsExactly("", "idle");
    }

    @Test
    void aTermWithoutValueOrKeyIsRefusedByName() {
        assertThatThrownBy(() -> SessionFilter.forListing("state=idle user"))
                .hasMessage("filter term 'user' is not KEY=VALUE (nor 'all'); valid keys: pid, user, database, "
                        + "application, client, state, state_age, xact_age, query_age, own, blocked, blocking, all");
        assertThatThrownBy(() -> SessionFilter.forListing("state=")).hasMessage("filter term 'state=' has no value");
        assertThatThrownBy(() -> SessionFilter.forListing("usr=x y=1"))
                .hasMessage("unknown filter key 'usr' in 'usr=x'; valid keys: " + String.join(", ", SessionFilter.KEYS));
        assertThatThrownBy(() -> SessionFilter.forListing("ALL=1")).hasMessage("filter term 'ALL=1': 'all' takes no value; write just all");
        assertThatThrownBy(() -> SessionFilter.forAction(""))
                .hasMessage("an empty filter is refused for cancel/terminate: give terms such as "
                        + "'state=idle_in_transaction state_age=5m', or 'all' to target every client session; valid keys: "
                        + String.join(", ", SessionFilter.KEYS));
    }

    @Test
    void anUnknownStateListsTheValidOnes() {
        assertThatThrownBy(() -> SessionFilter.forListing("state=sleeping"))
                .hasMessage("filter term 'state=sleeping': unknown state; valid states: active, idle, idle_in_transaction, "
                        + "idle_in_transaction_aborted, fastpath, disabled (or PostgreSQL's own text, e.g. "
                        + "state='idle in transaction')");
        assertThat(SessionFilter.forListing("state='IDLE IN TRANSACTION'").conditions().get(0).params())
                .containsExactly("idle in transaction");
    }

    @Test
    void aPidListEndsAtAKeyValueTermEvenOneWithoutKey() {
        // "=2" is a term of its own (with an empty key), not a pid of the list
        assertThatThrownBy(() -> SessionFilter.forListing("pid=1,=2")).hasMessageStartingWith("unknown filter key '' in '=2'");
        assertThatThrownBy(() -> SessionFilter.forListing("pid=,5"))
                .hasMessage("filter term 'pid=,5': '' is not a pid; a pid is a positive whole number (a list: pid=101,102,103)");
        // a space ends the list: the next word is a term of its own
        assertThatThrownBy(() -> SessionFilter.forListing("pid=1, 2")).hasMessageStartingWith("filter term '2' is not KEY=VALUE");
    }

    @Test
    void separatorsAloneAreAnEmptyFilterForActions() {
        for (String text : new String[] {",", ",,", " , ", "\t,\n"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> SessionFilter.forAction(text))
                    .as("'%s'", text).hasMessageStartingWith("an empty filter is refused for cancel/terminate");
        }
        org.assertj.core.api.Assertions.assertThat(SessionFilter.forAction(", all ,").isAll()).isTrue();
    }

    @Test
    void aNulCharacterIsRefusedBeforeAnySql() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SessionFilter.forListing("user=a\u0000b"))
                .hasMessage("the filter holds a NUL character (\\0), which no PostgreSQL name or text can hold; remove it");
    }
}
