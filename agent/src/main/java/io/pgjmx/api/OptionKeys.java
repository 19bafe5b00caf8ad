package io.pgjmx.api;

import java.util.List;

/**
 * The agent's option keys: {@code -javaagent:pgjmx-agent.jar=KEY=VALUE,...}, system properties
 * {@value #SYSTEM_PROPERTY_PREFIX}KEY and the {@value #CONFIG} file all use them; keys match case-insensitively.
 */
public final class OptionKeys {

    public static final String HOST = "host";
    public static final String PORT = "port";
    public static final String JOLOKIA = "jolokia";
    public static final String USER = "user";
    public static final String PASSWORD = "password";
    public static final String READ_ONLY = "readOnly";
    public static final String MONITOR_USER = "monitorUser";
    public static final String MONITOR_PASSWORD = "monitorPassword";
    public static final String CONFIG = "config";
    public static final String QUERY_TIMEOUT = "queryTimeout";
    public static final String METRICS = "metrics";
    /** Serve the sessions page {@code /pgjmx/} on the HTTP endpoint. */
    public static final String WEB = "web";
    /** Also keep the stack at borrow time of every checked-out connection. */
    public static final String BORROW_STACKS = "borrowStacks";
    public static final String SNAPSHOT_DIR = "snapshotDir";
    public static final String SNAPSHOT_INTERVAL = "snapshotInterval";
    /** The agent's own log level: error, warn, info or debug (the environment's PGJMX_LOG_LEVEL otherwise). */
    public static final String LOG_LEVEL = "logLevel";
    /** {@code http} or {@code https}; this and the TLS keys below are Jolokia's own option names. */
    public static final String PROTOCOL = "protocol";
    public static final String KEYSTORE = "keystore";
    public static final String KEYSTORE_PASSWORD = "keystorePassword";
    public static final String SERVER_CERT = "serverCert";
    public static final String SERVER_KEY = "serverKey";
    public static final String CA_CERT = "caCert";
    public static final String USE_SSL_CLIENT_AUTHENTICATION = "useSslClientAuthentication";

    /** The keys passed to Jolokia as they are. */
    public static final List<String> TLS = List.of(PROTOCOL, KEYSTORE, KEYSTORE_PASSWORD, SERVER_CERT, SERVER_KEY,
            CA_CERT, USE_SSL_CLIENT_AUTHENTICATION);
    /** Every key, in the order messages list them; the TLS keys are named once, above. */
    public static final List<String> ALL = concat(
            List.of(HOST, PORT, JOLOKIA, USER, PASSWORD, READ_ONLY, MONITOR_USER, MONITOR_PASSWORD, CONFIG,
                    QUERY_TIMEOUT, METRICS, WEB),
            TLS,
            List.of(BORROW_STACKS, SNAPSHOT_DIR, SNAPSHOT_INTERVAL, LOG_LEVEL));

    /** A loop, not a stream: the options are read in premain, where a JVM's first stream costs milliseconds. */
    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        java.util.ArrayList<String> all = new java.util.ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return List.copyOf(all);
    }

    /** {@code pgjmx.KEY} system properties are options. */
    public static final String SYSTEM_PROPERTY_PREFIX = "pgjmx.";
    /** Environment variables that may hold the secrets, so that no command line shows them. */
    public static final String ENV_PASSWORD = "PGJMX_PASSWORD";
    public static final String ENV_MONITOR_PASSWORD = "PGJMX_MONITOR_PASSWORD";

    private OptionKeys() {
    }
}
