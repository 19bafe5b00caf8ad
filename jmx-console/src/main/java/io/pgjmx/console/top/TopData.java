package io.pgjmx.console.top;

import io.pgjmx.console.client.PgjmxClient;
import io.pgjmx.console.client.Session;
import io.pgjmx.console.render.LongestFirst;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** One refresh of top: every session of the DataSource's server, longest first, and the summary lines. */
record TopData(List<Session> sessions, LocalTime at) {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    static TopData fetch(PgjmxClient client, String dataSource) {
        return new TopData(LongestFirst.sort(client.listSessions(dataSource, "")), LocalTime.now());
    }

    String title(String where, double intervalSeconds) {
        return "pgjmx top - " + where + " - " + CLOCK.format(at) + " - every " + seconds(intervalSeconds);
    }

    String summary() {
        long active = count("active");
        long idle = count("idle");
        long idleInTx = sessions.stream().filter(s -> s.state() != null && s.state().startsWith("idle in transaction"))
                .count();
        long waiting = sessions.stream().filter(s -> "Lock".equals(s.waitEventType())).count();
        long own = sessions.stream().filter(Session::own).count();
        return sessions.size() + " sessions: " + active + " active, " + idle + " idle, " + idleInTx
                + " idle in transaction, " + waiting + " waiting on a lock; " + own + " own (OWN yes)";
    }

    private long count(String state) {
        return sessions.stream().filter(s -> state.equals(s.state())).count();
    }

    private static String seconds(double s) {
        return s == Math.rint(s) ? (long) s + "s" : s + "s";
    }
}
