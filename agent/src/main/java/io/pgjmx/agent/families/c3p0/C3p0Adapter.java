package io.pgjmx.agent.families.c3p0;

import io.pgjmx.agent.discovery.ConnectionSpec;
import io.pgjmx.agent.discovery.PgJdbc;
import io.pgjmx.agent.discovery.PoolAdapter;
import io.pgjmx.agent.util.Reflect;
import java.util.List;

/**
 * c3p0's ComboPooledDataSource. c3p0 always has a {@code dataSourceName}: when none is set it is the
 * identity token, a random string that is no name. Its pool sits behind locks, so after a late attach only
 * the connections it opens from then on are known as its own.
 */
final class C3p0Adapter implements PoolAdapter {

    @Override
    public boolean handles(Object dataSource) {
        return Reflect.isA(dataSource, "com.mchange.v2.c3p0.AbstractComboPooledDataSource");
    }

    @Override
    public boolean isPostgres(Object dataSource) {
        return PgJdbc.isPostgresUrl(jdbcUrl(dataSource));
    }

    @Override
    public String poolName(Object dataSource) {
        String name = Reflect.string(dataSource, "getDataSourceName");
        return name == null || name.equals(Reflect.string(dataSource, "getIdentityToken")) ? null : name;
    }

    @Override
    public String jdbcUrl(Object dataSource) {
        return Reflect.string(dataSource, "getJdbcUrl");
    }

    @Override
    public String username(Object dataSource) {
        return Reflect.string(dataSource, "getUser");
    }

    @Override
    public ConnectionSpec connectionSpec(Object dataSource) {
        return PgJdbc.urlSpec(dataSource, jdbcUrl(dataSource), username(dataSource),
                Reflect.string(dataSource, "getPassword"), Reflect.invoke(dataSource, "getProperties"));
    }

    @Override
    public boolean isClosed(Object dataSource) {
        return Boolean.TRUE.equals(Reflect.field(dataSource, "is_closed"));
    }

    /** The WrapperConnectionPoolDataSource: c3p0's helper threads open each connection in its getPooledConnection. */
    @Override
    public List<Object> connectionCreators(Object dataSource) {
        Object wrapper = Reflect.field(dataSource, "wcpds");
        return wrapper == null ? List.of() : List.of(wrapper);
    }

    @Override
    public List<Object> wrapped(Object dataSource) {
        return List.of();
    }
}
