package io.pgjmx.agent.attach;

import io.pgjmx.agent.log.Log;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Properties;

/**
 * What the agent tells the attach command, through two system properties of the JVM it runs in. The attach
 * command reads them with {@code VirtualMachine#getSystemProperties} over the attach channel: it cannot see
 * the target's standard error, and it needs the outcome before any JMX connector exists. (Jolokia's JVM
 * agent publishes its URL the same way.) The names are outside {@code pgjmx.*}, which is read as options.
 *
 * <ul>
 * <li>{@value #STATE}: {@code running} once the agent has started, {@code off} when it refused to start;</li>
 * <li>{@value #PROBLEMS}: the last WARN and ERROR lines the agent logged, one per line, each as
 * {@code SEQ LEVEL message}, so the attach command can show only those that came after its own attach.</li>
 * </ul>
 */
public final class AgentStatus {

    public static final String STATE = "io.pgjmx.agent.state";
    public static final String PROBLEMS = "io.pgjmx.agent.problems";
    public static final String RUNNING = "running";
    public static final String OFF = "off";

    private static final int KEEP = 20;
    private static final int MAX_LINE = 500;
    private static final Deque<String> LAST = new ArrayDeque<>();
    private static long sequence;

    private AgentStatus() {
    }

    /** Starts publishing logged problems; called before anything else of the agent's start logs. */
    public static void publishProblems() {
        Log.reportProblemsTo((level, message) -> problem(level.toString(), message));
    }

    public static void running() {
        set(STATE, RUNNING);
    }

    public static void off() {
        set(STATE, OFF);
    }

    /** The start failed in a way nothing logged through {@link Log}. */
    public static void failed(String why) {
        problem("ERROR", why);
        off();
    }

    private static void problem(String level, String message) {
        String flat = message.replaceAll("\\R", " ");
        if (flat.length() > MAX_LINE) {
            flat = flat.substring(0, MAX_LINE) + "...";
        }
        String all;
        synchronized (LAST) {
            LAST.addLast(++sequence + " " + level + " " + flat);
            while (LAST.size() > KEEP) {
                LAST.removeFirst();
            }
            all = String.join("\n", LAST);
        }
        set(PROBLEMS, all);
    }

    private static void set(String key, String value) {
        try {
            System.setProperty(key, value);
        } catch (RuntimeException e) {
            // a security manager or odd Properties: the attach command then learns less, nothing else changes
        }
    }

    /** The highest sequence number in a {@value #PROBLEMS} value read from a target (0 when none). */
    public static long lastSequence(Properties targetProperties) {
        long last = 0;
        for (Problem p : problems(targetProperties, 0)) {
            last = Math.max(last, p.sequence());
        }
        return last;
    }

    /** The problems in a {@value #PROBLEMS} value with a sequence number above {@code after}. */
    public static List<Problem> problems(Properties targetProperties, long after) {
        List<Problem> found = new ArrayList<>();
        String value = targetProperties.getProperty(PROBLEMS);
        if (value == null) {
            return found;
        }
        for (String line : value.split("\n")) {
            String[] parts = line.split(" ", 3);
            if (parts.length < 3) {
                continue;
            }
            try {
                long seq = Long.parseLong(parts[0]);
                if (seq > after) {
                    found.add(new Problem(seq, parts[1], parts[2]));
                }
            } catch (NumberFormatException e) {
                // not ours
            }
        }
        return found;
    }

    /** One WARN or ERROR line the agent logged in the target. */
    public record Problem(long sequence, String level, String message) {
        public boolean isError() {
            return "ERROR".equals(level);
        }
    }
}
