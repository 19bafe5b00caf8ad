package io.pgjmx.agent.log;

import org.slf4j.Logger;

/**
 * One line per cancel or terminate, whatever its outcome: who asked (the channel and caller), what
 * (DataSource, action, pid or filter), and the result. Operators grep for {@code AUDIT}.
 */
public final class Audit {

    private static final Logger LOG = Log.get(Audit.class);
    private static final ThreadLocal<String> CALLER = new ThreadLocal<>();

    private Audit() {
    }

    /** The HTTP layer names the remote caller here before it invokes an operation. */
    public static void setCaller(String caller) {
        if (caller == null) {
            CALLER.remove();
        } else {
            CALLER.set(caller);
        }
    }

    /** JMX over RMI runs each request on a thread named after the client's address. */
    public static String caller() {
        String explicit = CALLER.get();
        return explicit != null ? explicit : "jmx(" + Thread.currentThread().getName() + ")";
    }

    public static void record(String dataSource, String action, String target, String result) {
        LOG.info("AUDIT caller=\"{}\" datasource={} action={} target={} result={}", escape(caller()),
                escape(dataSource), escape(action), escape(target), escape(result));
    }

    /**
     * Control characters (a newline above all) written visibly, so that no filter text or message can end the
     * line and forge another; the backslash itself is doubled so that the escapes stay unambiguous.
     */
    static String escape(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String replacement = switch (c) {
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                        ? String.format("\\u%04x", (int) c) : null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(value.length() + 16).append(value, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? value : out.toString();
    }
}
