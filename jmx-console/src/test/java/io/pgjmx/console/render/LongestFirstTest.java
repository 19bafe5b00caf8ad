package io.pgjmx.console.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgjmx.console.client.Session;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The incident order: oldest transaction, then the earlier start within a second, longest query, longest in state. */
class LongestFirstTest {

    private static Session session(int pid, long xact, String xactStart, long query, long state) {
        return new Session(pid, null, "shop", "app", "orders", null, null, "client backend", "active", null, null, "q",
                "2026-01-01T10:00:00.000Z", xactStart, null, null, xact, query, state, List.of(), false);
    }

    private static List<Integer> order(Session... sessions) {
        return LongestFirst.sort(List.of(sessions)).stream().map(Session::pid).toList();
    }

    @Test
    void withinTheSameSecondTheEarlierTransactionStartComesFirst() {
        assertThat(order(session(1, 10, "2026-01-01T10:00:00.900+00:00", 0, 0),
                session(2, 10, "2026-01-01T10:00:00.100Z", 0, 0),
                session(3, 10, "2026-01-01T11:00:00.500+01:00", 0, 0))).containsExactly(2, 3, 1);
    }

    @Test
    void aMissingOrUnreadableStartComesAfterAKnownOne() {
        assertThat(order(session(1, 10, null, 9, 0), session(2, 10, "not a date", 9, 0),
                session(3, 10, "2026-01-01T10:00:00.000Z", 0, 0))).startsWith(3);
    }

    @Test
    void thenTheLongestQueryThenTheLongestInStateThenThePid() {
        assertThat(order(session(5, -1, null, -1, 3), session(4, -1, null, -1, 3), session(3, -1, null, -1, 9),
                session(2, -1, null, 7, 0), session(1, 20, "2026-01-01T10:00:00.000Z", 0, 0)))
                .containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void theGivenListIsLeftAsItWas() {
        List<Session> given = List.of(session(1, 1, null, 0, 0), session(2, 2, null, 0, 0));
        assertThat(LongestFirst.sort(given)).extracting(Session::pid).containsExactly(2, 1);
        assertThat(given).extracting(Session::pid).containsExactly(1, 2);
    }
}
