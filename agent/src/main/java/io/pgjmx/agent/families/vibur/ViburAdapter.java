package io.pgjmx.agent.families.vibur;

import io.pgjmx.agent.discovery.ConnectionSpec;
import io.pgjmx.agent.discovery.PgJdbc;
import io.pgjmx.agent.discovery.PoolAdapter;
import io.pgjmx.agent.util.Reflect;
import java.util.List;

/**
 * Vibur DBCP's ViburDBCPDataSource. Its name defaults to a generated one ({@code defaultName}), which is
 * no name of the application's. Its pool keeps no list of the connections it lent, so after a late attach
 * only the connections it opens from then on are known as its own.
 */
final class ViburAdapter implements PoolAdapter {

    @Override
    public boolean handles(Object dataSource) {
        return Reflect.isA(dataSource, ViburInstrumentation.DATA_SOURCE);
    }

    /** Usable (and worth registering) once started. */
    @Override
    public boolean isReady(Object dataSource) {
        return !"NEW".equals(Reflect.string(dataSource, "getState"));
    }

    @Override
    public boolean isPostgres(Object dataSource) {
        return PgJdbc.isPostgresUrl(jdbcUrl(dataSource));
    }

    @Override
    public String poolName(Object dataSource) {
        String name = Reflect.string(dataSource, "getName");
        return name == null || name.equals(Reflect.field(dataSource, "defaultName")) ? null : name;
    }

    @Override
    public String jdbcUrl(Object dataSource) {
        return Reflect.string(dataSource, "getJdbcUrl");
    }

    @Override
    public String username(Object dataSource) {
        return Reflect.string(dataSource, "getUsername");
    }

    @Override
    public ConnectionSpec connectionSpec(Object dataSource) {
        return PgJdbc.urlSpec(dataSource, jdbcUrl(dataSource), username(dataSource),
                Reflect.string(dataSource, "getPassword"), Reflect.invoke(dataSource, "getDriverProperties"));
    }

    @Override
    public boolean isClosed(Object dataSource) {
        return "TERMINATED".equals(Reflect.string(dataSource, "getState"));
    }

    /** Its ConnectionFactory, whose create opens each physical connection. */
    @Override
    public List<Object> connectionCreators(Object dataSource) {
        Object factory = Reflect.field(dataSource, "connectionFactory");
        return factory == null ? List.of() : List.of(factory);
    }

    @Override
    public List<Object> wrapped(Object dataSource) {
        return List.of();
    }
}
