package io.pgjmx.agent.instrument;

import static io.pgjmx.agent.instrument.Hook.Value.THIS;

/**
 * The hooks the pool families share. Each only hands an object over; the agent reads it later on its own
 * thread. The bridge methods they call are {@code io.pgjmx.bridge.PgjmxBridge}'s.
 */
public final class PoolHooks {

    /** A pool's getConnection or start: also on failure, so a pool exhausted before a late attach is found. */
    public static final Hook USED = Hook.onExit("dataSourceUsed", THIS);

    /** A pool's close: unregistered at once instead of at the next sweep. */
    public static final Hook CLOSED = Hook.onExit("dataSourceClosed", THIS);

    /**
     * A DataSource that opens a physical connection on every call (pgjdbc's, Spring's driver-based ones). It
     * counts as found only when it is the outermost creator on the thread: as a pool's target it belongs to
     * the pool and is never registered on its own.
     */
    public static final Hook[] OUTERMOST_USE = {Hook.onEnter("enterOutermostUse", THIS),
        Hook.onExit("exitConnectionCreation", THIS)};

    private PoolHooks() {
    }

    /** The method inside which {@code creator} opens physical connections: the backends opened within are its own. */
    public static Hook[] creates(Hook.Value creator) {
        return new Hook[] {Hook.onEnter("enterConnectionCreation", creator), Hook.onExit("exitConnectionCreation", creator)};
    }
}
