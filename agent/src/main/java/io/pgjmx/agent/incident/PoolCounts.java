package io.pgjmx.agent.incident;

/**
 * What the pool says of itself, as the snapshot shows it: connections handed out, idle in the pool, threads
 * waiting for one; each null when the pool does not tell it. (The discovery package's PoolFigures, handed over
 * in this form so that the incident package does not depend on discovery, which depends on it.)
 */
public record PoolCounts(Integer active, Integer idle, Integer threadsWaiting) {

    Integer total() {
        return active == null || idle == null ? null : active + idle;
    }
}
