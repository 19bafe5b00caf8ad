package io.pgjmx.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgjmx.testing.AgentJvm;
import io.pgjmx.testing.Db;
import io.pgjmx.testing.Eventually;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The incident pgjmx exists for: a pool of 3, one session idle in transaction holding row locks, two
 * sessions blocked behind it, the application's getConnection timing out. Everything is done over JMX on
 * the agent's own connection, as a non-superuser application role.
 */
class IncidentIT {

    private static AgentJvm app;

    @BeforeAll
    static void start() throws Exception {
        Db.createLockTable();
        Db.pg().createRole("incident_app", Db.APP_PASSWORD);
        app = AgentJvm.start("jolokia=false");
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void stuckPoolIsListedAndTheHolderTerminated() throws Exception {
        app.send("hikari stuck 3 " + Db.url() + " incident_app " + Db.APP_PASSWORD);
        // one row per waiter, so each waiter is blocked by the holder directly (not queued behind the other)
        int holder = Integer.parseInt(app.send("lock stuck 2"));
        int waiter1 = Integer.parseInt(app.send("wait stuck 1"));
        int waiter2 = Integer.parseInt(app.send("wait stuck 2"));
        Eventually.that(Duration.ofSeconds(10), () -> Db.waitingOnLock(waiter1) && Db.waitingOnLock(waiter2),
                "both waiters blocked on the holder's row locks");
        assertThat(app.ask("query stuck")).as("the pool is exhausted").startsWith("ERR").contains("timed out");

        Mbeans ds = new Mbeans(app.jmx(), app.awaitDataSource("stuck"));
        CompositeData[] own = ds.listSessions("own=true");
        assertThat(Arrays.stream(own).map(c -> (Integer) c.get("pid"))).containsExactlyInAnyOrder(holder, waiter1,
                waiter2);
        CompositeData holderRow = row(own, holder);
        assertThat(holderRow.get("state")).isEqualTo("idle in transaction");
        assertThat((Long) holderRow.get("transactionSeconds")).isGreaterThanOrEqualTo(0);
        assertThat((boolean) holderRow.get("own")).isTrue();
        for (int waiter : List.of(waiter1, waiter2)) {
            CompositeData w = row(own, waiter);
            assertThat((int[]) w.get("blockedBy")).contains(holder);
            assertThat(w.get("state")).isEqualTo("active");
            assertThat(w.get("waitEventType")).isEqualTo("Lock");
        }
        assertThat((int) ds.attribute("IdleInTransactionSessionCount")).isGreaterThanOrEqualTo(1);
        assertThat((int) ds.attribute("WaitingSessionCount")).isGreaterThanOrEqualTo(2);
        assertThat(Mbeans.sorted((int[]) ds.attribute("OwnBackendPids")))
                .containsExactlyInAnyOrder(holder, waiter1, waiter2);
        assertThat(ds.showSessions("own=true")).contains("idle in transaction").contains(String.valueOf(holder));

        int[] terminated = ds.terminateSessions("state=idle_in_transaction own=true");

        assertThat(terminated).containsExactly(holder);
        assertThat(Db.alive(holder)).isFalse();
        Eventually.that(Duration.ofSeconds(15), () -> app.ask("query stuck").startsWith("OK"),
                "the application's next getConnection succeeds");
        assertThat(app.stderr()).contains("AUDIT").contains("action=terminate")
                .contains("filter \"state=idle_in_transaction own=true\"").contains("terminated=[" + holder + "]");
    }

    private static CompositeData row(CompositeData[] rows, int pid) {
        return Arrays.stream(rows).filter(c -> (Integer) c.get("pid") == pid).findFirst()
                .orElseThrow(() -> new AssertionError("no row for pid " + pid));
    }

    static ObjectName agentName() throws Exception {
        return new ObjectName("pgjmx:type=Agent");
    }
}
