package io.pgjmx.console.client;

/**
 * An MBean operation or attribute read that reached the agent and failed there: {@code errorType} is the
 * simple class name of the agent's exception (IllegalArgumentException for bad input, SecurityException for a
 * refusal), {@code getMessage()} the agent's own words.
 */
public final class OperationFailed extends RuntimeException {

    private final String errorType;

    public OperationFailed(String errorType, String message) {
        super(message);
        this.errorType = errorType;
    }

    public String errorType() {
        return errorType;
    }

    public boolean isBadArgument() {
        return "IllegalArgumentException".equals(errorType);
    }
}
