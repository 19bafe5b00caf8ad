package io.pgjmx.agent.attach;

/** Why an attach did not work: the message for the operator and the {@link ExitStatus} to end with. */
public final class AttachFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final int exitStatus;

    AttachFailure(int exitStatus, String message) {
        super(message);
        this.exitStatus = exitStatus;
    }

    AttachFailure(int exitStatus, String message, Throwable cause) {
        super(message, cause);
        this.exitStatus = exitStatus;
    }

    public int exitStatus() {
        return exitStatus;
    }
}
