package io.pgjmx.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The agent's last warnings and errors, which it publishes in the system property {@value #PROBLEMS} of its
 * JVM as lines {@code SEQ LEVEL message}: the attach command shows those that came after its own attach.
 */
final class AgentProblems {

    static final String PROBLEMS = "io.pgjmx.agent.problems";

    private AgentProblems() {
    }

    static long lastSequence(Properties system) {
        long last = 0;
        for (String[] p : parse(system)) {
            last = Math.max(last, Long.parseLong(p[0]));
        }
        return last;
    }

    /** "LEVEL message" of each problem with a sequence number above {@code seen}. */
    static List<String> after(Properties system, long seen) {
        List<String> out = new ArrayList<>();
        for (String[] p : parse(system)) {
            if (Long.parseLong(p[0]) > seen) {
                out.add(p[1] + " " + p[2]);
            }
        }
        return out;
    }

    private static List<String[]> parse(Properties system) {
        List<String[]> found = new ArrayList<>();
        String value = system.getProperty(PROBLEMS);
        if (value == null) {
            return found;
        }
        for (String line : value.split("\n")) {
            String[] parts = line.split(" ", 3);
            if (parts.length == 3 && parts[0].chars().allMatch(Character::isDigit) && !parts[0].isEmpty()
                    && parts[0].length() < 19) {
                found.add(parts);
            }
        }
        return found;
    }
}
