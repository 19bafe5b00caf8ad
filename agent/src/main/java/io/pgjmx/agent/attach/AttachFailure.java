package io.pgjmx.agent.attach;

/** Why an attach did not work, with the message for the operator and the exit status of the command. */
public final class AttachFailure extends Exception {

    private static final long serialVersionUID = 1L;

    // exit statuses of the attach command; the usage text lists them
    static final int OTHER = 1;
    static final int USAGE = 2;
    static final int NO_SUCH_PROCESS = 3;
    static final int OTHER_USER = 4;
    static final int DYNAMIC_LOADING_DISABLED = 5;
    static final int AGENT_REPORTED_ERRORS = 6;

    private final int exitStatus;

    AttachFailure(int exitStatus, String message) {
        super(message);
        this.exitStatus = exitStatus;
    }

    /** The exit statuses, for the usage text. */
    public static String exitStatuses() {
        return String.join("\n",
                "  0  attached, or pgjmx was already running",
                "  1  any other failure (the message says which)",
                "  2  usage error",
                "  3  no such process, or not a Java process",
                "  4  the process belongs to another user",
                "  5  the JVM forbids loading agents at run time (-XX:-EnableDynamicAgentLoading)",
                "  6  pgjmx reported errors in the JVM (bad options, HTTP port taken, ...)");
    }

    int exitStatus() {
        return exitStatus;
    }
}
