package io.pgjmx.agent.families.pgjdbc;

import io.pgjmx.agent.instrument.PoolFamily;
import java.util.List;

/**
 * pgjdbc: the driver (every physical connection), PGSimpleDataSource and PGPoolingDataSource: this folder's
 * line in PoolFamilies.
 */
public final class PgJdbcFamily {

    public static final PoolFamily FAMILY = new PoolFamily("pgjdbc", List.of(new PgJdbcInstrumentation()),
            List.of(new PgSimpleDataSourceAdapter(), new PgPoolingDataSourceAdapter()));

    private PgJdbcFamily() {
    }
}
