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
