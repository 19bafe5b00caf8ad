package io.pgjmx.agent.families.hikari;

import io.pgjmx.agent.instrument.PoolAdvice;
import io.pgjmx.bridge.PgjmxBridge;
import net.bytebuddy.asm.Advice;

/**
 * Advice only HikariCP needs (getConnection, close and newConnection use {@link PoolAdvice}). Inlined into
 * Hikari's classes: it may reference JDK types and the bridge only.
 */
final class HikariAdvice {

    private HikariAdvice() {
    }


    /** {@code HikariPool(HikariConfig)}: the config is the HikariDataSource that owns the new pool. */
    static final class PoolCreated {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object config) {
            PgjmxBridge.dataSourceUsed(config);
        }
    }

    /**
     * {@code HikariPool$HouseKeeper#run}: runs on the pool's own thread every {@code housekeepingPeriodMs}
     * (30 s by default), so a pool that sits idle after a late attach is still found. The task is handed
     * over as it is; the agent finds its pool and DataSource by reflection on its own thread.
     */
    static final class HouseKeeping {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object houseKeeper) {
            PgjmxBridge.poolActive(houseKeeper);
        }
    }


}
