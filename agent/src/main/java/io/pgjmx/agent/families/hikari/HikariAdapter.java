package io.pgjmx.agent.families.hikari;

import io.pgjmx.agent.discovery.ConnectionSpec;
import io.pgjmx.agent.discovery.LazyPoolAdapter;
import io.pgjmx.agent.discovery.PgJdbc;
import io.pgjmx.agent.discovery.PoolFigures;
import io.pgjmx.agent.util.Reflect;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** HikariCP, in {@code jdbcUrl} mode (its own DriverDataSource) and DataSource/dataSourceClassName mode. */
final class HikariAdapter extends LazyPoolAdapter {

    HikariAdapter() {
        super(HikariInstrumentation.DATA_SOURCE, "pool");
    }

    @Override
    public boolean isPostgres(Object dataSource) {
        String url = Reflect.string(dataSource, "getJdbcUrl");
        if (url != null) {
            return PgJdbc.isPostgresUrl(url);
        }
        String className = Reflect.string(dataSource, "getDataSourceClassName");
        if (className != null) {
            return className.startsWith(PgJdbc.PACKAGE);
        }
        Object inner = innerDataSource(dataSource);
        return inner != null && (PgJdbc.isPgJdbc(inner)
                || PgJdbc.isPostgresUrl(Reflect.string(inner, "getUrl"))); // a Spring DriverManagerDataSource, ...
    }

    @Override
    public String poolName(Object dataSource) {
        return Reflect.string(dataSource, "getPoolName");
    }

    @Override
    public String jdbcUrl(Object dataSource) {
        String url = Reflect.string(dataSource, "getJdbcUrl");
        if (url != null) {
            return url;
        }
        Object inner = innerDataSource(dataSource);
        return inner == null ? null : PgJdbc.dataSourceUrl(inner);
    }

    @Override
    public String username(Object dataSource) {
        String user = Reflect.string(dataSource, "getUsername");
        if (user == null) {
            Object inner = innerDataSource(dataSource);
            user = inner == null ? null : PgJdbc.innerUser(inner);
        }
        return user;
    }

    @Override
    public ConnectionSpec connectionSpec(Object dataSource) {
        Properties properties = new Properties();
        String url = Reflect.string(dataSource, "getJdbcUrl");
        String user = Reflect.string(dataSource, "getUsername");
        String password = Reflect.string(dataSource, "getPassword");
        Object inner = innerDataSource(dataSource);
        if (url != null) {
            // in jdbcUrl mode Hikari passes its dataSourceProperties to the driver (sslmode, ...)
            Object props = Reflect.invoke(dataSource, "getDataSourceProperties");
            if (props instanceof Properties p) {
                properties.putAll(p);
            }
        } else if (inner != null) {
            url = PgJdbc.dataSourceUrl(inner);
            if (user == null) {
                user = PgJdbc.innerUser(inner);
                password = Reflect.string(inner, "getPassword");
            }
        }
        ClassLoader loader = PgJdbc.isPgJdbc(inner)
                ? inner.getClass().getClassLoader()
                : dataSource.getClass().getClassLoader();
        return new ConnectionSpec(url, user, password, properties, loader);
    }

    @Override
    public boolean isClosed(Object dataSource) {
        return Boolean.TRUE.equals(Reflect.invoke(dataSource, "isClosed"));
    }

    @Override
    public List<Object> wrapped(Object dataSource) {
        List<Object> inner = new ArrayList<>(2);
        Object configured = Reflect.invoke(dataSource, "getDataSource");
        if (configured != null) {
            inner.add(configured);
        }
        Object pool = pool(dataSource);
        Object used = pool == null ? null : Reflect.field(pool, "dataSource");
        if (used != null && used != configured) {
            inner.add(used);
        }
        return inner;
    }

    /** A HikariPool or its HouseKeeper (an inner class: its pool is {@code this$0}) to the pool's DataSource. */
    @Override
    public Object dataSourceOf(Object poolPart) {
        if (!poolPart.getClass().getName().startsWith(HikariInstrumentation.PACKAGE)) {
            return null;
        }
        Object pool = Reflect.isA(poolPart, HikariInstrumentation.POOL) ? poolPart : Reflect.field(poolPart, "this$0");
        if (pool == null || !Reflect.isA(pool, HikariInstrumentation.POOL)) {
            return null;
        }
        // PoolBase.config is the HikariDataSource itself: HikariDataSource extends HikariConfig and passes this
        Object config = Reflect.field(pool, "config");
        return config != null && handles(config) ? config : null;
    }

    /**
     * The pool's PoolEntry objects and their raw driver connections. {@code ConcurrentBag#values()} copies a
     * copy-on-write list: no lock, and it never waits for a connection to come back.
     */
    @Override
    public List<Object> physicalConnections(Object dataSource) {
        Object pool = pool(dataSource);
        Object bag = pool == null ? null : Reflect.field(pool, "connectionBag");
        Object entries = bag == null ? null : Reflect.invoke(bag, "values");
        if (!(entries instanceof List<?> list)) {
            return List.of();
        }
        List<Object> connections = new ArrayList<>(list.size());
        for (Object entry : list) {
            Object connection = entry == null ? null : Reflect.field(entry, "connection");
            if (connection != null) {
                connections.add(connection);
            }
        }
        return connections;
    }

    @Override
    public PoolFigures poolFigures(Object dataSource) {
        Object pool = pool(dataSource); // HikariPoolMXBean's getters: counts of its ConcurrentBag, lock-free
        return PoolFigures.read(pool, "getActiveConnections", "getIdleConnections", pool, "getThreadsAwaitingConnection");
    }

    /** The DataSource the pool really calls: the configured one, or the one built from dataSourceClassName. */
    private Object innerDataSource(Object dataSource) {
        Object pool = pool(dataSource);
        Object used = pool == null ? null : Reflect.field(pool, "dataSource");
        return used != null ? used : Reflect.invoke(dataSource, "getDataSource");
    }
}
