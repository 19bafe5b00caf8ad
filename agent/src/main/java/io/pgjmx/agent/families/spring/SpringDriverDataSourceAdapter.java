package io.pgjmx.agent.families.spring;

import io.pgjmx.agent.discovery.ConnectionSpec;
import io.pgjmx.agent.discovery.PgJdbc;
import io.pgjmx.agent.discovery.PoolAdapter;
import io.pgjmx.agent.util.Reflect;
import java.util.List;

/**
 * Spring's driver-based DataSources (DriverManagerDataSource, SimpleDriverDataSource): no pool, a physical
 * connection per call, each opened in their getConnectionFromDriver. Never closed.
 */
final class SpringDriverDataSourceAdapter implements PoolAdapter {

    @Override
    public boolean handles(Object dataSource) {
        return Reflect.isA(dataSource, SpringJdbcInstrumentation.DRIVER_BASED);
    }

    @Override
    public boolean isPostgres(Object dataSource) {
        return PgJdbc.isPostgresUrl(jdbcUrl(dataSource));
    }

    @Override
    public String poolName(Object dataSource) {
        return null;
    }

    @Override
    public String jdbcUrl(Object dataSource) {
        return Reflect.string(dataSource, "getUrl");
    }

    @Override
    public String username(Object dataSource) {
        return Reflect.string(dataSource, "getUsername");
    }

    @Override
    public ConnectionSpec connectionSpec(Object dataSource) {
        return PgJdbc.urlSpec(dataSource, jdbcUrl(dataSource), username(dataSource),
                Reflect.string(dataSource, "getPassword"), Reflect.invoke(dataSource, "getConnectionProperties"));
    }

    @Override
    public boolean isClosed(Object dataSource) {
        return false;
    }

    @Override
    public List<Object> connectionCreators(Object dataSource) {
        return List.of(dataSource);
    }

    @Override
    public List<Object> wrapped(Object dataSource) {
        return List.of();
    }
}
