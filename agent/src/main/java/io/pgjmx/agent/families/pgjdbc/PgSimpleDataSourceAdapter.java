package io.pgjmx.agent.families.pgjdbc;

import io.pgjmx.agent.discovery.ConnectionSpec;
import io.pgjmx.agent.discovery.PgJdbc;
import io.pgjmx.agent.discovery.PoolAdapter;
import io.pgjmx.agent.util.Reflect;
import java.util.List;
import java.util.Properties;

/** pgjdbc's own non-pooling DataSource: every getConnection opens a physical connection. */
final class PgSimpleDataSourceAdapter implements PoolAdapter {

    @Override
    public boolean handles(Object dataSource) {
        return Reflect.isA(dataSource, "org.postgresql.ds.PGSimpleDataSource");
    }

    @Override
    public boolean isPostgres(Object dataSource) {
        return true;
    }

    @Override
    public String poolName(Object dataSource) {
        return null;
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
        return new ConnectionSpec(PgJdbc.dataSourceUrl(dataSource), Reflect.string(dataSource, "getUser"),
                Reflect.string(dataSource, "getPassword"), new Properties(), dataSource.getClass().getClassLoader());
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
