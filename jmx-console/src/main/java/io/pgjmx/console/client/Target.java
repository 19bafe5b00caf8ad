package io.pgjmx.console.client;

import io.pgjmx.console.ConsoleException;
import io.pgjmx.console.ExitCodes;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The TARGET argument: which JVM to talk to, and how. */
public record Target(Kind kind, String address) {

    public enum Kind {
        /** A JVM on this machine, reached through the attach API and its local JMX connector. */
        LOCAL_PID,
        /** A remote JMX connector: {@code service:jmx:...}, also what {@code host:port} becomes. */
        JMX,
        /** The agent's Jolokia HTTP endpoint. */
        JOLOKIA
    }

    static final String VALID = "a local PID (see the jvms command), host:port of a JMX port, a service:jmx: URL, "
            + "or the agent's Jolokia URL http(s)://HOST:PORT/jolokia";

    private static final Pattern HOST_PORT = Pattern.compile("^(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9_.-]+):(\\d{1,5})$");

    public static Target parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw new ConsoleException(ExitCodes.USAGE, "no TARGET given; give " + VALID);
        }
        if (t.chars().allMatch(Character::isDigit)) {
            long pid = parsePid(t);
            return new Target(Kind.LOCAL_PID, String.valueOf(pid));
        }
        if (t.startsWith("service:jmx:")) {
            return new Target(Kind.JMX, t);
        }
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return new Target(Kind.JOLOKIA, t);
        }
        Matcher m = HOST_PORT.matcher(t);
        if (m.matches()) {
            int port = Integer.parseInt(m.group(2));
            if (port < 1 || port > 65535) {
                throw new ConsoleException(ExitCodes.USAGE, "'" + t + "': the port must be 1 to 65535");
            }
            return new Target(Kind.JMX, "service:jmx:rmi:///jndi/rmi://" + m.group(1) + ":" + port + "/jmxrmi");
        }
        throw new ConsoleException(ExitCodes.USAGE, "'" + t + "' is not a TARGET; give " + VALID);
    }

    private static long parsePid(String t) {
        try {
            long pid = Long.parseLong(t);
            if (pid > 0) {
                return pid;
            }
        } catch (NumberFormatException e) {
            // too long: falls through to the message
        }
        throw new ConsoleException(ExitCodes.USAGE, "'" + t + "' is not a process id; give " + VALID);
    }

    @Override
    public String toString() {
        return kind == Kind.LOCAL_PID ? "JVM " + address : address;
    }
}
