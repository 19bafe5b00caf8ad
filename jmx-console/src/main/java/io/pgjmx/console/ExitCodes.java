package io.pgjmx.console;

import java.util.LinkedHashMap;
import java.util.Map;

/** The console's exit statuses: scripts tell the failures apart by them, so they never change meaning. */
public final class ExitCodes {

    public static final int OK = 0;
    /** Anything not listed below; the message says what. */
    public static final int FAILURE = 1;
    /** Bad command line or bad input (an unknown DataSource, a bad filter term). */
    public static final int USAGE = 2;
    /** The target JVM or URL cannot be reached (no such process, connection refused, authentication failed). */
    public static final int UNREACHABLE = 3;
    /** The target is reachable but pgjmx is not loaded in it, or has found no DataSource yet. */
    public static final int NO_PGJMX = 4;
    /** The agent refused the cancel/terminate (read-only, permission denied), or some sessions were not hit. */
    public static final int REFUSED = 5;
    /** A cancel/terminate was not confirmed (answered no, or no terminal to ask on without --yes): nothing done. */
    public static final int NOT_CONFIRMED = 6;

    /** For {@code --help} of every command, in order. */
    static final Map<String, String> HELP = help(
            "0", "all done",
            "1", "any other failure (the message says which)",
            "2", "bad usage: wrong arguments, unknown DataSource, bad filter term",
            "3", "target unreachable: no such process, connection refused, authentication failed",
            "4", "no pgjmx in the target (or no DataSource found yet)",
            "5", "operation refused (read-only, permission denied), or some sessions were not hit",
            "6", "not confirmed: nothing was done (answered no, or no terminal and no --yes)");

    private static Map<String, String> help(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private ExitCodes() {
    }
}
