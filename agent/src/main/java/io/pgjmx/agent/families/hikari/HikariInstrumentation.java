package io.pgjmx.agent.families.hikari;

import static io.pgjmx.agent.instrument.Hook.Value.THIS;
import static io.pgjmx.agent.instrument.Hook.Value.argument;
import static io.pgjmx.agent.instrument.MethodMatch.constructor;
import static io.pgjmx.agent.instrument.MethodMatch.named;
import static io.pgjmx.agent.instrument.MethodMatch.noArgs;

import io.pgjmx.agent.instrument.Hook;
import io.pgjmx.agent.instrument.HookTable;
import io.pgjmx.agent.instrument.LibraryInstrumentation;

/** HikariCP: found on getConnection, on pool creation and by its housekeeper; connections opened in PoolBase. */
final class HikariInstrumentation implements LibraryInstrumentation {

    static final String PACKAGE = "com.zaxxer.hikari.";
    static final String DATA_SOURCE = PACKAGE + "HikariDataSource";
    static final String POOL = PACKAGE + "pool.HikariPool";
    static final String HOUSE_KEEPER = POOL + "$HouseKeeper";
    static final String POOL_BASE = PACKAGE + "pool.PoolBase";

    @Override
    public void addTo(HookTable table) {
        LibraryInstrumentation.dataSource(table, DATA_SOURCE, noArgs("getConnection"), noArgs("close"));
        // HikariPool(HikariConfig): the config is the HikariDataSource that owns the new pool
        table.add(POOL, constructor(1), Hook.onReturn("dataSourceUsed", argument(0)));
        // HouseKeeper#run runs on the pool's own thread every housekeepingPeriodMs (30 s by default), so a pool
        // that sits idle after a late attach is still found; the agent finds its pool by reflection later
        table.add(HOUSE_KEEPER, noArgs("run"), Hook.onEnter("poolActive", THIS));
        LibraryInstrumentation.connectionCreator(table, POOL_BASE, named("newConnection"));
    }
}
