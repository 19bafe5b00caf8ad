package io.pgjmx.agent.families.pgjdbc;

import io.pgjmx.agent.discovery.ConnectionSpec;
import io.pgjmx.agent.discovery.PgJdbc;
import io.pgjmx.agent.discovery.PoolAdapter;
import io.pgjmx.agent.util.Reflect;
import java.util.List;

/**
 * pgjdbc's deprecated PGPoolingDataSource: a small pool of its own, named by {@code dataSourceName}. Its
 * connections sit behind its lock, so after a late attach only those it opens from then on are its own.
 */
final class PgPoolingDataSourceAdapter implements PoolAdapter {

    @Override
    public boolean handles(Object dataSource) {
        return Reflect.isA(dataSource, PgJdbcInstrumentation.POOLING_DATA_SOURCE);
    }

    @Override
    public boolean isPostgres(Object dataSource) {
        return true;
    }

    @Override
    public String poolName(Object dataSource) {
        return Reflect.string(dataSource, "getDataSourceName");
    }

    @Override
    public String jdbcUrl(Object dataSource) {
        return PgJdbc.dataSourceUrl(dataSource);
    }

    @Override
    public String username(Object dataSource) {
        return Reflect.string(dataSource, "getUser");
    }

    @Override
    public ConnectionSpec connectionSpec(Object dataSource) {
        return PgJdbc.urlSpec(dataSource, jdbcUrl(dataSource), username(dataSource),
                Reflect.string(dataSource, "getPassword"), null);
    }

    @Override
    public boolean isClosed(Object dataSource) {
        return Boolean.TRUE.equals(Reflect.field(dataSource, "isClosed"));
    }

    /** Its getConnection methods are the outermost creators of its physical connections. */
    @Override
    public List<Object> connectionCreators(Object dataSource) {
        return List.of(dataSource);
    }

    @Override
    public List<Object> wrapped(Object dataSource) {
        Object source = Reflect.field(dataSource, "source");
        return source == null ? List.of() : List.of(source);
    }
}
