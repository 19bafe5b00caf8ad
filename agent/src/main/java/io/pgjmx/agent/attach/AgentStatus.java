package io.pgjmx.agent.attach;

import static io.pgjmx.api.StatusProperties.DATA_SOURCES;
import static io.pgjmx.api.StatusProperties.JOLOKIA_URL;
import static io.pgjmx.api.StatusProperties.OFF;
import static io.pgjmx.api.StatusProperties.PROBLEMS;
import static io.pgjmx.api.StatusProperties.RUNNING;
import static io.pgjmx.api.StatusProperties.STARTING;
import static io.pgjmx.api.StatusProperties.STATE;
import static io.pgjmx.api.StatusProperties.VERSION;

import io.pgjmx.api.StatusProperties;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Properties;

/**
 * What the agent tells the attach client, through system properties of the JVM it runs in. The client reads
 * them with {@code VirtualMachine#getSystemProperties} over the attach channel: it cannot see the target's
 * standard error, and asking this way opens nothing in the target (starting the JDK's JMX connector would
 * leave a port open for the JVM's lifetime). Jolokia's JVM agent publishes its URL the same way. The names
 * are outside {@code pgjmx.*}, which is read as options.
 *
 * <ul>
 * <li>{@value StatusProperties#STATE}: {@code starting} while a start is under way, {@code running} once the
 * agent is up (HTTP started or given up, Agent MBean registered), {@code off} when it refused to start;</li>
 * <li>{@value StatusProperties#PROBLEMS}: the last WARN and ERROR lines the agent logged, one per line, each as
 * {@code SEQ LEVEL message}, so the client can show only those that came after its own attach;</li>
 * <li>{@value StatusProperties#VERSION}, {@value StatusProperties#JOLOKIA_URL} (empty when HTTP is off or did not
 * start) and {@value StatusProperties#DATA_SOURCES} (the DataSource names, comma-separated: a name never holds a comma).</li>
 * </ul>
 *
 * <p>This package is also the console's attach client, so it uses nothing of the agent but itself and the
 * contract's names ({@link StatusProperties}), which it uses as they are rather than through copies of its own.
 */
public final class AgentStatus {

    private static final int KEEP = 20;
    private static final int MAX_LINE = 500;
    private static final Deque<String> LAST = new ArrayDeque<>();
    private static long sequence;

    private AgentStatus() {
    }

    // --- published by the agent in its JVM ----------------------------------------------------------------

    /** A start begins: a state left {@code off} by an earlier failed attach must not be read as this one's. */
    public static synchronized void starting() {
        set(STATE, STARTING);
    }

    /**
     * The agent is up; {@code jolokiaUrl} null when HTTP is off or did not start. Only a start still under way
     * becomes running: one that failed meanwhile stays off.
     */
    public static synchronized void running(String version, String jolokiaUrl) {
        set(VERSION, version);
        set(JOLOKIA_URL, jolokiaUrl == null ? "" : jolokiaUrl);
        if (STARTING.equals(System.getProperty(STATE))) {
            set(STATE, RUNNING);
        }
    }

    public static synchronized void off() {
        set(STATE, OFF);
    }

    /** The start failed in a way nothing logged. */
    public static void failed(String why) {
        problem("ERROR", why);
        off();
    }

    public static void dataSources(String[] names) {
        set(DATA_SOURCES, String.join(",", names));
    }

    /** One WARN or ERROR line the agent logged. */
    public static void problem(String level, String message) {
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
            // a security manager or odd Properties: the attach client then learns less, nothing else changes
        }
    }

    // --- read by the attach client from the target's properties --------------------------------------------

    /** The agent's state in a target, {@code null} when no pgjmx ever started there. */
    public static String state(Properties target) {
        return target.getProperty(STATE);
    }

    /** Empty when HTTP is off or did not start. */
    public static String jolokiaUrl(Properties target) {
        return target.getProperty(JOLOKIA_URL, "");
    }

    public static String version(Properties target) {
        return target.getProperty(VERSION, "?");
    }

    public static List<String> dataSources(Properties target) {
        String value = target.getProperty(DATA_SOURCES, "");
        return value.isEmpty() ? List.of() : Arrays.asList(value.split(","));
    }

    /** The highest sequence number in a {@value StatusProperties#PROBLEMS} value read from a target (0 when none). */
    public static long lastSequence(Properties target) {
        long last = 0;
        for (Problem p : problems(target, 0)) {
            last = Math.max(last, p.sequence());
        }
        return last;
    }

    /** The problems in a {@value StatusProperties#PROBLEMS} value with a sequence number above {@code after}. */
    public static List<Problem> problems(Properties target, long after) {
        List<Problem> found = new ArrayList<>();
        String value = target.getProperty(PROBLEMS);
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
