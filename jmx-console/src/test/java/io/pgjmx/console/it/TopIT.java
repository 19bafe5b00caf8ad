package io.pgjmx.console.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgjmx.testing.AgentJvm;
import io.pgjmx.testing.Db;
import io.pgjmx.testing.Eventually;
import io.pgjmx.testing.Prerequisite;
import java.nio.file.Files;
import java.sql.Connection;
import java.util.Arrays;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code top} in a real pseudo-terminal (tmux): rows, picking a session with keys, terminating it, resizing, q. */
class TopIT {

    private static final Duration SCREEN_LIMIT = Duration.ofSeconds(30);
    private static AgentJvm app;

    @BeforeAll
    static void start() throws Exception {
        Prerequisite.require(Tmux.installed(), "tmux (apt-get install tmux), to give top a terminal");
        AppRole.create();
        app = AgentJvm.start("port=0");
        AppRole.pool(app, "live");
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void keysPickAndTerminateASessionAndQQuits() throws Exception {
        int holder = Integer.parseInt(app.send("idle-tx live"));
        Connection bystander = AppRole.victim("bystander");
        int other = Db.pid(bystander);
        Path exit = Files.createTempFile("top-exit", ".txt");
        Files.delete(exit);
        String command = String.join(" ", Console.command("top", String.valueOf(app.pid()), "--interval", "0.5"))
                + "; echo $? > " + exit + "; sleep 600";
        try (Tmux tmux = new Tmux()) {
            tmux.start("top", 160, 40, command);
            AtomicReference<String> screen = new AtomicReference<>("");
            Eventually.that(SCREEN_LIMIT, () -> {
                screen.set(tmux.screen("top"));
                return screen.get().contains("pgjmx top - DataSource live") && screen.get().contains(holder + " ");
            }, () -> "the holder's row on the screen:\n" + screen);
            assertThat(screen.get()).contains("idle in transaction").contains("selected: pid ")
                    .containsPattern("PID +STATE +XACT_AGE +QUERY_AGE")
                    .containsPattern("PID +STATE +.* OWN +HOLDER +USER")
                    .as("own sessions are marked, with the thread holding them")
                    .containsPattern("(?m)^" + holder + " +idle in transaction .* yes +main [0-9dhms]+ +" + AppRole.NAME)
                    .containsPattern("(?m)^" + other + " +idle .* no +" + AppRole.NAME);

            // the oldest transaction is first; walk down then back up to it with both kinds of keys
            tmux.keys("top", "j");
            tmux.keys("top", "Down");
            tmux.keys("top", "k");
            tmux.keys("top", "Up");
            Eventually.that(SCREEN_LIMIT, () -> {
                screen.set(tmux.screen("top"));
                if (screen.get().contains("selected: pid " + holder + " ")) {
                    return true;
                }
                tmux.keys("top", "k");
                return false;
            }, () -> "the holder selected:\n" + screen);

            // e: the explain view of the selected session, the holder's stack; e again: back to the sessions
            tmux.keys("top", "e");
            Eventually.that(SCREEN_LIMIT, () -> {
                screen.set(tmux.screen("top"));
                return screen.get().contains("explain pid " + holder) && screen.get().contains("Holder: thread \"main\"");
            }, () -> "the explain view:\n" + screen);
            assertThat(screen.get()).contains("Session " + holder + " of DataSource live (opened by this pool)")
                    .contains("at io.pgjmx.testapp.TestApp.main(");
            tmux.keys("top", "e");
            Eventually.that(SCREEN_LIMIT, () -> {
                screen.set(tmux.screen("top"));
                return screen.get().contains("selected: pid " + holder + " ") && screen.get().contains("PID ");
            }, () -> "back to the sessions:\n" + screen);

            tmux.keys("top", "t");
            Eventually.that(SCREEN_LIMIT, () -> {
                screen.set(tmux.screen("top"));
                return screen.get().contains("Terminate pid " + holder + " (" + AppRole.NAME + ", idle in transaction)? y/n");
            }, () -> "the question:\n" + screen);
            assertThat(Db.alive(holder)).as("nothing happens before y").isTrue();
            tmux.keys("top", "y");
            Eventually.that(SCREEN_LIMIT, () -> {
                screen.set(tmux.screen("top"));
                return screen.get().contains("terminated " + holder);
            }, () -> "the result on the screen:\n" + screen);
            assertThat(Db.alive(holder)).isFalse();

            tmux.resize("top", 90, 15);
            Eventually.that(SCREEN_LIMIT, () -> {
                screen.set(tmux.screen("top"));
                String[] lines = screen.get().split("\n");
                return lines.length <= 15 && Arrays.stream(lines).allMatch(l -> l.length() <= 90)
                        && screen.get().contains("pgjmx top - ") && screen.get().contains("PID ")
                        && screen.get().contains(other + " ") && screen.get().contains("selected: pid");
            }, () -> "a screen redrawn for 90x15:\n" + screen);

            tmux.keys("top", "q");
            Eventually.that(SCREEN_LIMIT, () -> Files.exists(exit) && !Files.readString(exit).isBlank(),
                    "top to end after q:\n" + screen);
            assertThat(Files.readString(exit).trim()).isEqualTo("0");
        } finally {
            Db.closeQuietly(bystander);
            Files.deleteIfExists(exit);
        }
    }
}
