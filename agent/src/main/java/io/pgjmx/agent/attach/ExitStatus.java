package io.pgjmx.agent.attach;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit statuses of both commands that attach, the agent jar's {@code attach} and the console (all of its
 * commands): scripts tell the failures apart by them, so a number never changes meaning.
 */
public final class ExitStatus {

    public static final int OK = 0;
    /** Anything not listed below; the message says what. */
    public static final int FAILURE = 1;
    /** Bad command line or bad input (an unknown DataSource, a bad filter term). */
    public static final int USAGE = 2;
    /** The target cannot be reached: no such process, not a JVM, another user's JVM, connection refused, ... */
    public static final int UNREACHABLE = 3;
    /** pgjmx is not working in the target: not loaded, it did not start or reported errors, no DataSource yet. */
    public static final int NO_PGJMX = 4;
    /** Refused: the agent refused the operation, or the JVM refuses agents loaded while it runs. */
    public static final int REFUSED = 5;
    /** A cancel/terminate was not confirmed: nothing done. */
    public static final int NOT_CONFIRMED = 6;

    /** Each status and what it means, in order, for the usage texts and the README. */
    public static final Map<String, String> MEANINGS = meanings(
            OK, "done: attached (or pgjmx was already running), or the command did what was asked",
            FAILURE, "any other failure (the message says which)",
            USAGE, "bad usage: wrong arguments, an unknown DataSource, a bad filter term",
            UNREACHABLE, "target unreachable: no such process, not a Java process, another user's process (run as "
                    + "that user), connection refused, authentication failed",
            NO_PGJMX, "no working pgjmx in the target: not loaded, it did not start or reported errors on attach "
                    + "(bad options, HTTP port taken: they are printed), or no DataSource found yet",
            REFUSED, "refused: read-only, permission denied, some sessions not hit, or the JVM forbids loading "
                    + "agents while it runs (-XX:-EnableDynamicAgentLoading: start it with -javaagent)",
            NOT_CONFIRMED, "not confirmed: nothing was done (answered no, or no terminal and no --yes)");

    private ExitStatus() {
    }

    /** The table as indented lines. */
    public static String table() {
        StringBuilder text = new StringBuilder();
        MEANINGS.forEach((status, meaning) -> text.append(text.length() == 0 ? "" : "\n").append("  ").append(status)
                .append("  ").append(meaning));
        return text.toString();
    }

    private static Map<String, String> meanings(Object... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(String.valueOf(pairs[i]), (String) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
