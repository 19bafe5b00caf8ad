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
}
