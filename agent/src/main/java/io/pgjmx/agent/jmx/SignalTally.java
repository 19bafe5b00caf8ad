package io.pgjmx.agent.jmx;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many cancels and terminations went through one DataSource's MBean since the agent started, by result,
 * for {@code pgjmx_cancels_total} and {@code pgjmx_terminations_total}. Sessions are counted, not calls: a
 * bulk terminate that ends five sessions adds five to {@code ok}; a refused call adds one to {@code refused}.
 */
public final class SignalTally {

    /** {@code ok}: signalled (cancel) or gone (terminate). */
    public static final String OK = "ok";
    /** Refused: read-only, permission, bad input, the agent's own or a non-client backend. */
    public static final String REFUSED = "refused";
    /** The server could not be reached or failed. */
    public static final String ERROR = "error";
    /** A terminate signal was delivered but the backend had not exited when the wait ran out. */
    public static final String TIMEOUT = "timeout";

    private final Map<String, LongAdder> cancels = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> terminations = new ConcurrentHashMap<>();

    void add(boolean terminate, String result, int sessions) {
        (terminate ? terminations : cancels).computeIfAbsent(result, r -> new LongAdder()).add(sessions);
    }

    void failed(boolean terminate, RuntimeException e) {
        add(terminate, e instanceof IllegalStateException ? ERROR : REFUSED, 1);
    }

    public Map<String, Long> cancels() {
        return copy(cancels);
    }

    public Map<String, Long> terminations() {
        return copy(terminations);
    }

    private static Map<String, Long> copy(Map<String, LongAdder> counts) {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((result, n) -> copy.put(result, n.sum()));
        return copy;
    }
}
