package io.pgjmx.agent.families.agroal;

import io.pgjmx.agent.discovery.ConnectionSpec;
import io.pgjmx.agent.discovery.OneClassAdapter;
import io.pgjmx.agent.discovery.PgJdbc;
import io.pgjmx.agent.util.Reflect;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Agroal's {@code io.agroal.pool.DataSource}. It has no pool name. Its configuration is read through the
 * public agroal-api interfaces; the connections it holds from its copy-on-write list.
 */
final class AgroalAdapter extends OneClassAdapter {

    AgroalAdapter() {
        super(AgroalInstrumentation.DATA_SOURCE);
    }

    /** "Agroal" rather than the bare simple name "DataSource", which says nothing. */
    @Override
    public String typeName(Object dataSource) {
        return "AgroalDataSource";
    }

    @Override
    public String jdbcUrl(Object dataSource) {
        return Reflect.string(factoryConfiguration(dataSource), "jdbcUrl");
    }

    @Override
    public String username(Object dataSource) {
        Object principal = Reflect.invoke(factoryConfiguration(dataSource), "principal");
        return principal == null ? null : Reflect.string(principal, "getName");
    }

    @Override
    public ConnectionSpec connectionSpec(Object dataSource) {
        Object config = factoryConfiguration(dataSource);
        String password = null;
        if (Reflect.invoke(config, "credentials") instanceof Iterable<?> credentials) {
            for (Object credential : credentials) {
                String word = Reflect.string(credential, "getWord"); // SimplePassword
                password = word != null ? word : password;
            }
        }
        return PgJdbc.urlSpec(dataSource, jdbcUrl(dataSource), username(dataSource), password,
                Reflect.invoke(config, "jdbcProperties"));
    }

    /** close() shuts the housekeeping executor down. */
    @Override
    public boolean isClosed(Object dataSource) {
        Object executor = Reflect.field(pool(dataSource), "housekeepingExecutor");
        return executor != null && Boolean.TRUE.equals(Reflect.invoke(executor, "isShutdown"));
    }

    /** The ConnectionFactory: every createConnection, on the housekeeping thread or a caller's. */
    @Override
    public List<Object> connectionCreators(Object dataSource) {
        return Stream.ofNullable(Reflect.field(pool(dataSource), "connectionFactory")).toList();
    }

    /** {@code allConnections} is copy-on-write: iterating it takes no lock. */
    @Override
    public List<Object> physicalConnections(Object dataSource) {
        List<Object> connections = new ArrayList<>();
        if (Reflect.field(pool(dataSource), "allConnections") instanceof Iterable<?> handlers) {
            for (Object handler : handlers) {
                Object raw = Reflect.field(handler, "connection");
                if (raw != null) {
                    connections.add(raw);
                }
            }
        }
        return connections;
    }

    private static Object pool(Object dataSource) {
        Object pool = Reflect.field(dataSource, "connectionPool");
        return pool == null ? new Object() : pool;
    }

    private static Object factoryConfiguration(Object dataSource) {
        Object config = Reflect.invoke(dataSource, "getConfiguration");
        Object poolConfig = config == null ? null : Reflect.invoke(config, "connectionPoolConfiguration");
        Object factoryConfig = poolConfig == null ? null : Reflect.invoke(poolConfig, "connectionFactoryConfiguration");
        return factoryConfig == null ? new Object() : factoryConfig;
    }
}
