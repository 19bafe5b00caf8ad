package io.pgjmx.console;

/** A failure the operator can act on: one line of message and the exit status it ends the console with. */
public final class ConsoleException extends RuntimeException {

    private final int exitCode;

    public ConsoleException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ConsoleException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
