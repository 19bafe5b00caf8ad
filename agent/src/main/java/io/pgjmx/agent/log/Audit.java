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
        LOG.info("AUDIT caller=\"{}\" datasource={} action={} target={} result={}", caller(), dataSource,
                action, target, result);
    }
}
