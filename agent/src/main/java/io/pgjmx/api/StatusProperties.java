package io.pgjmx.api;

/**
 * What the agent tells an attach client, as system properties of the JVM it runs in (read with
 * {@code VirtualMachine#getSystemProperties}, which opens nothing in the target). The names are outside
 * {@code pgjmx.*}, which is read as options.
 */
public final class StatusProperties {

    /** {@value #STARTING}, {@value #RUNNING} or {@value #OFF}; absent when pgjmx never started in the JVM. */
    public static final String STATE = "io.pgjmx.agent.state";
    /** The last WARN and ERROR lines the agent logged, one per line, each {@code SEQ LEVEL message}. */
    public static final String PROBLEMS = "io.pgjmx.agent.problems";
    public static final String VERSION = "io.pgjmx.agent.version";
    /** Empty when HTTP is off or did not start. */
    public static final String JOLOKIA_URL = "io.pgjmx.agent.jolokiaUrl";
    /** The DataSource names, comma-separated (a name never holds a comma). */
    public static final String DATA_SOURCES = "io.pgjmx.agent.dataSources";

    public static final String STARTING = "starting";
    public static final String RUNNING = "running";
    public static final String OFF = "off";

    private StatusProperties() {
    }
}
