package io.pgjmx.console.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgjmx.api.SessionColumn;
import io.pgjmx.console.client.Session;
import java.util.List;
import org.junit.jupiter.api.Test;

class HolderColumnTest {

    private static Session held(String thread, long seconds) {
        return new Session(7, null, "shop", "app", "svc", null, null, "client backend", "idle in transaction", null, null,
                "q", null, null, null, null, 80, -1, 80, List.of(), true, thread, 31, seconds);
    }

    @Test
    void theHolderIsTheThreadAndHowLongItHasHeldTheConnection() {
        List<String> lines = new SessionTable(200, false, SessionColumn.parse("pid,holder")).lines(
                List.of(held("http-nio-8080-exec-7", 754), held(null, -1)));
        assertThat(lines).containsExactly("PID  HOLDER", "7    http-nio-8080-exec-7 12m34s", "7");
    }

    @Test
    void aLongThreadNameIsCutButNeverTheTime() {
        String row = new SessionTable(200, false, SessionColumn.parse("holder")).lines(
                List.of(held("x".repeat(100), 5))).get(1);
        assertThat(row).isEqualTo("x".repeat(26) + "... 5s").hasSize(32);
    }

    @Test
    void controlCharactersInAThreadNameAreShownNotSent() {
        String row = new SessionTable(200, false, SessionColumn.parse("holder")).lines(
                List.of(held("evil\u001b[2J", 1))).get(1);
        assertThat(row).isEqualTo("evil\\x1b[2J 1s");
    }
}
