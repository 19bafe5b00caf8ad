package io.pgjmx.agent.families.pgjdbc;

import static io.pgjmx.agent.instrument.Hook.Value.RETURNED;
import static io.pgjmx.agent.instrument.Hook.Value.argument;
import static io.pgjmx.agent.instrument.MethodMatch.named;
import static io.pgjmx.agent.instrument.MethodMatch.noArgs;

import io.pgjmx.agent.discovery.PgJdbc;
import io.pgjmx.agent.instrument.Hook;
import io.pgjmx.agent.instrument.HookTable;
import io.pgjmx.agent.instrument.LibraryInstrumentation;
import io.pgjmx.agent.instrument.PoolHooks;

/**
 * pgjdbc: the driver (every physical connection, whoever opens it), its plain DataSources and its old
 * {@code PGPoolingDataSource}. BaseDataSource's hook is outermost-only, so a pgjdbc DataSource that a pool
 * wraps (HikariCP's dataSourceClassName, PGPoolingDataSource's inner source) belongs to the pool.
 */
final class PgJdbcInstrumentation implements LibraryInstrumentation {

    static final String DRIVER = PgJdbc.DRIVER;
    static final String BASE_DATA_SOURCE = PgJdbc.PACKAGE + "ds.common.BaseDataSource";
    static final String POOLING_DATA_SOURCE = PgJdbc.PACKAGE + "ds.PGPoolingDataSource";

    @Override
    public void addTo(HookTable table) {
        // Driver#connect(String url, Properties info): the URL and the properties go along for a connection
        // opened outside any known pool (DriverManager, direct use)
        table.add(DRIVER, named("connect").withParameters(2).firstParameter(String.class),
                Hook.onReturn("physicalConnectionOpened", RETURNED, argument(0), argument(1)));
        table.add(BASE_DATA_SOURCE, named("getConnection").withParameters(2), PoolHooks.OUTERMOST_USE);
        // PGPoolingDataSource overrides both getConnection methods; the physical connections of its pool are
        // opened inside them, through its inner PGConnectionPoolDataSource
        table.add(POOLING_DATA_SOURCE, named("getConnection"), PoolHooks.OUTERMOST_USE);
        table.add(POOLING_DATA_SOURCE, noArgs("close"), PoolHooks.CLOSED);
    }
}
