package io.pgjmx.console.render;

import io.pgjmx.console.client.Session;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order an operator looks at sessions in during an incident: the oldest transaction first (it holds
 * locks and snapshots longest), then the longest running query, then the longest in its state.
 */
public final class LongestFirst {

    // ages are whole seconds: within the same second, the earlier start breaks the tie (the lock holder
    // usually began its transaction a moment before the sessions queued behind it)
    public static final Comparator<Session> ORDER = Comparator.comparingLong(Session::transactionSeconds).reversed()
            .thenComparing(s -> instant(s.transactionStart()), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Comparator.comparingLong(Session::querySeconds).reversed())
            .thenComparing(Comparator.comparingLong(Session::stateSeconds).reversed())
            .thenComparingInt(Session::pid);

    private LongestFirst() {
    }

    private static Instant instant(String isoDate) {
        if (isoDate == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(isoDate).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public static List<Session> sort(List<Session> sessions) {
        List<Session> sorted = new ArrayList<>(sessions);
        sorted.sort(ORDER);
        return sorted;
    }
}
