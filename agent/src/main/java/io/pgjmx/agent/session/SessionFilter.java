package io.pgjmx.agent.session;

import io.pgjmx.api.FilterKeys;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The filter of the contract: terms separated by white space or commas, all of which must hold. Parsing
 * either yields conditions whose values are bind parameters, or throws {@link IllegalArgumentException}
 * naming the bad term and what is valid; nothing reaches the database before the whole filter is valid.
 */
public final class SessionFilter {

    public static final List<String> KEYS = FilterKeys.ALL;
    /** PostgreSQL's own state texts, by the underscore form users type. */
    static final Map<String, String> STATES = FilterKeys.STATES;

    private static final String VALID_STATES = String.join(", ", FilterKeys.STATE_NAMES);
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smhd]?)");

    /** Stands for the DataSource's own backend pids, bound when the query runs. */
    static final Object OWN_PIDS = new Object() {
        @Override
        public String toString() {
            return "<own pids>";
        }
    };

    /** One SQL condition over {@code pg_stat_activity a}, with its bind values in order. */
    record Condition(String sql, List<Object> params) {
    }

    private final String text;
    private final List<Condition> conditions;
    private final boolean all;

    private SessionFilter(String text, List<Condition> conditions, boolean all) {
        this.text = text;
        this.conditions = Collections.unmodifiableList(conditions);
        this.all = all;
    }

    /** A filter for listing: empty or blank means every session. */
    public static SessionFilter forListing(String text) {
        return parse(text == null ? "" : text);
    }

    /** A filter for cancel/terminate: it must say something, and {@code all} is how it says "everything". */
    public static SessionFilter forAction(String text) {
        // a filter of separators only (",", ", ,") has no term either: it must not act as 'all'
        SessionFilter filter = text == null || text.isBlank() ? null : parse(text);
        if (filter == null || (filter.conditions.isEmpty() && !filter.all)) {
            throw new IllegalArgumentException("an empty filter is refused for cancel/terminate: give terms such as "
                    + "'state=idle_in_transaction state_age=5m', or 'all' to target every client session; valid keys: "
                    + String.join(", ", KEYS));
        }
        return filter;
    }

    public List<Condition> conditions() {
        return conditions;
    }

    public boolean isAll() {
        return all;
    }

    @Override
    public String toString() {
        return text;
    }

    static SessionFilter parse(String text) {
        if (text.indexOf('\u0000') >= 0) {
            // PostgreSQL text cannot hold NUL: say so here rather than pass on the server's encoding error
            throw new IllegalArgumentException("the filter holds a NUL character (\\0), which no PostgreSQL name or "
                    + "text can hold; remove it");
        }
        List<Condition> conditions = new ArrayList<>();
        boolean all = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == ',') {
                i++;
                continue;
            }
            int start = i;
            while (i < n && text.charAt(i) != '=' && !isSeparator(text.charAt(i))) {
                i++;
            }
            String key = text.substring(start, i);
            if (i >= n || text.charAt(i) != '=') {
                if (key.equalsIgnoreCase(FilterKeys.ALL_SESSIONS)) {
                    all = true;
                    continue;
                }
                throw new IllegalArgumentException("filter term '" + key + "' is not KEY=VALUE (nor 'all'); valid keys: "
                        + String.join(", ", KEYS));
            }
            i++; // '='
            StringBuilder value = new StringBuilder();
            boolean quoted = i < n && text.charAt(i) == '\'';
            if (quoted) {
                i++;
                boolean closed = false;
                while (i < n) {
                    char v = text.charAt(i++);
                    if (v == '\'') {
                        if (i < n && text.charAt(i) == '\'') {
                            value.append('\'');
                            i++;
                        } else {
                            closed = true;
                            break;
                        }
                    } else {
                        value.append(v);
                    }
                }
                if (!closed) {
                    throw new IllegalArgumentException("filter term '" + text.substring(start)
                            + "' has an unbalanced quote: a value quoted with ' needs a closing ' (write '' for a quote inside)");
                }
                if (i < n && !isSeparator(text.charAt(i))) {
                    throw new IllegalArgumentException("filter term '" + text.substring(start)
                            + "': a quoted value must be followed by a space or a comma");
                }
            } else {
                while (i < n && !isSeparator(text.charAt(i))) {
                    char v = text.charAt(i++);
                    if (v == '\'') {
                        throw new IllegalArgumentException("filter term '" + text.substring(start, Math.min(n, i + 20))
                                + "' has a stray quote: quote a whole value, as in application='my app'");
                    }
                    value.append(v);
                }
                if (key.equalsIgnoreCase(FilterKeys.PID)) {
                    i = morePids(text, i, value);
                }
            }
            conditions.add(condition(key.toLowerCase(Locale.ROOT), key, value.toString(), quoted));
        }
        return new SessionFilter(text.trim(), conditions, all);
    }

    /**
     * Commas separate terms, yet {@code pid=1,2,3} is one term: a comma right after a pid value that is
     * followed by a word without {@code =} (and not {@code all}) continues the pid list. Returns where
     * the term ends; the list's words are appended to {@code value} with their commas, checked later.
     */
    private static int morePids(String text, int i, StringBuilder value) {
        int n = text.length();
        while (i < n && text.charAt(i) == ',') {
            int end = i + 1;
            while (end < n && !isSeparator(text.charAt(end))) {
                end++;
            }
            String word = text.substring(i + 1, end);
            if (word.isEmpty() || word.indexOf('=') >= 0 || word.equalsIgnoreCase(FilterKeys.ALL_SESSIONS)) {
                break;
            }
            value.append(',').append(word);
            i = end;
        }
        return i;
    }

    private static boolean isSeparator(char c) {
        return Character.isWhitespace(c) || c == ',';
    }

    private static Condition condition(String key, String rawKey, String value, boolean quoted) {
        String term = rawKey + "=" + (quoted ? "'" + value + "'" : value);
        if (value.isEmpty() && !quoted) {
            throw new IllegalArgumentException("filter term '" + term + "' has no value");
        }
        switch (key) {
            case FilterKeys.PID:
                return pids(term, value);
            case FilterKeys.USER:
                return text(SessionSql.USER, value);
            case FilterKeys.DATABASE:
                return text(SessionSql.DATABASE, value);
            case FilterKeys.APPLICATION:
                return text(SessionSql.APPLICATION, value);
            case FilterKeys.CLIENT:
                return text(SessionSql.CLIENT, value);
            case FilterKeys.STATE:
                return new Condition(SessionSql.STATE, List.of(state(term, value)));
            case FilterKeys.STATE_AGE:
                return age(SessionSql.STATE_CHANGE, term, value);
            case FilterKeys.XACT_AGE:
                return age(SessionSql.XACT_START, term, value);
            case FilterKeys.QUERY_AGE:
                return new Condition(SessionSql.QUERY_AGE, List.of((double) seconds(term, value)));
            case FilterKeys.OWN:
                return new Condition(SessionSql.own(bool(term, value)), List.of(OWN_PIDS));
            case FilterKeys.BLOCKED:
                return new Condition(SessionSql.blocked(bool(term, value)), List.of());
            case FilterKeys.BLOCKING:
                return new Condition(SessionSql.blocking(bool(term, value)), List.of());
            case FilterKeys.ALL_SESSIONS:
                throw new IllegalArgumentException("filter term '" + term + "': 'all' takes no value; write just all");
            default:
                throw new IllegalArgumentException("unknown filter key '" + rawKey + "' in '" + term + "'; valid keys: "
                        + String.join(", ", KEYS));
        }
    }

    private static Condition text(String column, String value) {
        if (value.indexOf('*') < 0) {
            return new Condition(SessionSql.equalTo(column), List.of(value));
        }
        String like = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").replace('*', '%');
        return new Condition(SessionSql.like(column), List.of(like));
    }

    /** One pid, or a list bound as one text parameter and turned into int[] by the server. */
    private static Condition pids(String term, String value) {
        if (value.indexOf(',') < 0) {
            return new Condition(SessionSql.PID, List.of(pid(term, value)));
        }
        Set<Integer> pids = new LinkedHashSet<>();
        for (String one : value.split(",", -1)) {
            pids.add(pid(term, one));
        }
        return new Condition(SessionSql.PID_IN, List.of(SessionSql.pidList(pids)));
    }

    private static int pid(String term, String value) {
        try {
            int pid = Integer.parseInt(value);
            if (pid > 0) {
                return pid;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("filter term '" + term + "': '" + value
                + "' is not a pid; a pid is a positive whole number (a list: pid=101,102,103)");
    }

    private static String state(String term, String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        String mapped = STATES.get(lower);
        if (mapped != null) {
            return mapped;
        }
        if (STATES.containsValue(lower)) {
            return lower;
        }
        throw new IllegalArgumentException("filter term '" + term + "': unknown state; valid states: " + VALID_STATES
                + " (or PostgreSQL's own text, e.g. state='idle in transaction')");
    }

    private static Condition age(String column, String term, String value) {
        return new Condition(SessionSql.age(column), List.of((double) seconds(term, value)));
    }

    static long seconds(String term, String value) {
        Matcher m = DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("filter term '" + term + "': '" + value
                    + "' is not a duration; write a whole number with an optional unit s, m, h or d, e.g. 90, 90s, 5m, 2h, 1d");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> amount * 60;
            case "h" -> amount * 3600;
            case "d" -> amount * 86400;
            default -> amount;
        };
    }

    private static boolean bool(String term, String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("filter term '" + term + "': give true or false");
    }
}
