package io.pgjmx.agent.instrument;

/**
 * Never loaded: its class file is woven, and thrown away, on the agent's start thread ({@link Weaver#warmUp}),
 * so that ASM's classes and the weaving paths are loaded and have run once before the application's first pool
 * class, whose weaving on the application's thread otherwise paid for that (some 15 ms in a fresh JVM). Shaped
 * like a pool's classes: a field that a hook reads, wide locals, a handler of its own, a constructor, a static.
 */
@SuppressWarnings("unused")
final class WarmUpSample {

    private Object pool;
    private long borrowed;

    WarmUpSample(Object pool) {
        this.pool = pool;
    }

    Object getConnection(String user, long timeoutMillis, double share) throws java.sql.SQLException {
        long deadline = System.nanoTime() + timeoutMillis;
        try {
            if (pool == null || share < 0) {
                throw new IllegalStateException("closed");
            }
            borrowed++;
            return deadline > 0 ? pool : user;
        } catch (IllegalStateException e) {
            throw new java.sql.SQLException(e);
        }
    }

    void close() {
        pool = null;
    }

    static Object create(Object creator, int attempts) {
        return attempts > 0 ? creator : null;
    }
}
