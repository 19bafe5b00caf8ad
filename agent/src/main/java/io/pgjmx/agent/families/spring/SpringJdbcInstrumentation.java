package io.pgjmx.agent.families.spring;

import static io.pgjmx.agent.instrument.MethodMatch.named;

import io.pgjmx.agent.instrument.HookTable;
import io.pgjmx.agent.instrument.LibraryInstrumentation;
import io.pgjmx.agent.instrument.PoolHooks;

/**
 * Spring's driver-based DataSources (DriverManagerDataSource, SimpleDriverDataSource): both open each
 * connection in {@code AbstractDriverBasedDataSource#getConnectionFromDriver(String, String)}. Outermost
 * only: as a pool's target it belongs to the pool. Spring's proxies (TransactionAwareDataSourceProxy,
 * LazyConnectionDataSourceProxy, DelegatingDataSource, AbstractRoutingDataSource) get no hooks at all:
 * the DataSources behind them are found by their own, so each is registered once and a proxy never.
 */
final class SpringJdbcInstrumentation implements LibraryInstrumentation {

    static final String DRIVER_BASED = "org.springframework.jdbc.datasource.AbstractDriverBasedDataSource";

    @Override
    public void addTo(HookTable table) {
        table.add(DRIVER_BASED, named("getConnectionFromDriver").withParameters(2).firstParameter(String.class),
                PoolHooks.OUTERMOST_USE);
    }
}
