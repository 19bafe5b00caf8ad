package io.pgjmx.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The columns of every text table of sessions, in their one order: what decides an incident first (the
 * pid, its state and ages, who blocks it, whether it is the pool's own, which thread holds it), then who and where, then the query.
 * JConsole's {@code showSessions} and every table of the console use these headers in this order.
 */
public enum SessionColumn {
    PID, STATE, XACT_AGE, QUERY_AGE, STATE_AGE, BLOCKED_BY, OWN, HOLDER, USER, DATABASE, APPLICATION, CLIENT, WAIT, QUERY;

    /** How a table shows a boolean cell: the same words everywhere, {@code -} only for unknown. */
    public static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }

    /**
     * Columns named in a comma-separated list ({@code pid,state,own}), case-insensitive, in the order given.
     *
     * @throws IllegalArgumentException naming the unknown column and listing the valid ones
     */
    public static List<SessionColumn> parse(String list) {
        List<SessionColumn> columns = new ArrayList<>();
        for (String name : list.split(",")) {
            String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            if (n.isEmpty()) {
                continue;
            }
            try {
                SessionColumn c = valueOf(n);
                if (!columns.contains(c)) {
                    columns.add(c);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown column '" + name.trim() + "'; valid columns: " + names());
            }
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("no column named; valid columns: " + names());
        }
        return columns;
    }

    public static String names() {
        StringBuilder b = new StringBuilder();
        for (SessionColumn c : values()) {
            b.append(b.length() == 0 ? "" : ",").append(c.name().toLowerCase(Locale.ROOT));
        }
        return b.toString();
    }
}
