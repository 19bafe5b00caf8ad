package io.pgjmx.agent.incident;

import java.time.Instant;

/**
 * Why an automatic snapshot was taken: the getConnection that failed, on which thread, when. The exception's
 * own stack is the application's code that asked for a connection.
 */
public record Trigger(Instant at, String thread, Throwable thrown) {
}
