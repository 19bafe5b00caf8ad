package io.pgjmx.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys of the session filter ({@code listSessions}, {@code cancelSessions}, ...): terms {@code KEY=VALUE}
 * separated by white space or commas, all of which must hold, and the word {@value #ALL_SESSIONS}.
 */
public final class FilterKeys {

    public static final String PID = "pid";
    public static final String USER = "user";
    public static final String DATABASE = "database";
    public static final String APPLICATION = "application";
    public static final String CLIENT = "client";
    public static final String STATE = "state";
    public static final String STATE_AGE = "state_age";
    public static final String XACT_AGE = "xact_age";
    public static final String QUERY_AGE = "query_age";
    public static final String OWN = "own";
    public static final String BLOCKED = "blocked";
    public static final String BLOCKING = "blocking";
    /** A word without a value: every client backend (a bulk action needs it to target all). */
    public static final String ALL_SESSIONS = "all";

    /** Every key in the order error messages list them. */
    public static final List<String> ALL = List.of(PID, USER, DATABASE, APPLICATION, CLIENT, STATE, STATE_AGE,
            XACT_AGE, QUERY_AGE, OWN, BLOCKED, BLOCKING, ALL_SESSIONS);

    /**
     * The values of {@value #STATE} in the underscore form users type, to PostgreSQL's own state texts, in the
     * order messages list them: one table, so a state cannot be added to one list and forgotten in another.
     */
    public static final Map<String, String> STATES = inOrder(
            "active", "active",
            "idle", "idle",
            "idle_in_transaction", "idle in transaction",
            "idle_in_transaction_aborted", "idle in transaction (aborted)",
            "fastpath", "fastpath function call",
            "disabled", "disabled");

    /** The underscore forms, in that order. */
    public static final List<String> STATE_NAMES = List.copyOf(STATES.keySet());

    private FilterKeys() {
    }

    private static Map<String, String> inOrder(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
