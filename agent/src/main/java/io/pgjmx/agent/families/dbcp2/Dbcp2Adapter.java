package io.pgjmx.agent.families.dbcp2;

import io.pgjmx.agent.discovery.ConnectionSpec;
import io.pgjmx.agent.discovery.LazyPoolAdapter;
import io.pgjmx.agent.discovery.PgJdbc;
import io.pgjmx.agent.discovery.PoolFigures;
import io.pgjmx.agent.util.Reflect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Apache Commons DBCP2's BasicDataSource, and Tomcat's repackaged copy ({@code org.apache.tomcat.dbcp.dbcp2}).
 * It has no pool name. Its getters are synchronized on the DataSource, so the fields are read instead: the
 * agent's thread must not queue behind an application thread that is creating the pool. A pool found idle
 * through its evictor after a late attach is its GenericObjectPool (see {@link Dbcp2PoolParts}).
 */
final class Dbcp2Adapter extends LazyPoolAdapter {

    private final String packagePrefix;

    /** The pool (commons-pool's GenericObjectPool) is created on first getConnection (or start). */
    Dbcp2Adapter(String packagePrefix) {
        super(packagePrefix + Dbcp2Instrumentation.BASIC_DATA_SOURCE, "connectionPool");
        this.packagePrefix = packagePrefix;
    }

    @Override
    public boolean handles(Object dataSource) {
        return super.handles(dataSource) || isPool(dataSource);
    }

    @Override
    public String jdbcUrl(Object dataSource) {
        return isPool(dataSource) ? Dbcp2PoolParts.url(dataSource)
                : (String) Reflect.field(dataSource, "connectionString");
    }

    @Override
    public String username(Object dataSource) {
        return isPool(dataSource) ? Dbcp2PoolParts.user(dataSource) : (String) Reflect.field(dataSource, "userName");
    }

    @Override
    public ConnectionSpec connectionSpec(Object dataSource) {
        if (isPool(dataSource)) {
            return Dbcp2PoolParts.spec(dataSource);
        }
        return PgJdbc.urlSpec(dataSource, jdbcUrl(dataSource), username(dataSource),
                (String) Reflect.field(dataSource, "password"), Reflect.field(dataSource, "connectionProperties"));
    }

    @Override
    public boolean isClosed(Object dataSource) {
        return Boolean.TRUE.equals(Reflect.field(dataSource, "closed"));
    }

    /** The PoolableConnectionFactory, whose makeObject opens every physical connection. */
    @Override
    public List<Object> connectionCreators(Object dataSource) {
        Object pool = pool(dataSource);
        Object factory = pool == null ? null : Reflect.invoke(pool, "getFactory");
        return Stream.ofNullable(factory).toList();
    }

    /**
     * commons-pool's {@code allObjects} is a ConcurrentHashMap: its values are read without a lock, and the
     * innermost delegate of each PoolableConnection is a field.
     */
    @Override
    public List<Object> physicalConnections(Object dataSource) {
        Object pool = pool(dataSource);
        Object all = pool == null ? null : Reflect.field(pool, "allObjects");
        if (!(all instanceof Map<?, ?> map)) {
            return List.of();
        }
        List<Object> connections = new ArrayList<>();
        for (Object pooled : map.values()) {
            Object poolable = Reflect.invoke(pooled, "getObject");
            Object raw = poolable == null ? null : Reflect.invoke(poolable, "getInnermostDelegateInternal");
            if (raw != null) {
                connections.add(raw);
            }
        }
        return connections;
    }

    @Override
    public Object dataSourceOf(Object poolPart) {
        return Dbcp2PoolParts.poolOf(poolPart, packagePrefix);
    }

    @Override
    public PoolFigures poolFigures(Object dataSource) {
        Object pool = pool(dataSource); // commons-pool's GenericObjectPool: counters, no lock
        return PoolFigures.read(pool, "getNumActive", "getNumIdle", pool, "getNumWaiters");
    }

    @Override
    protected Object pool(Object dataSource) {
        return isPool(dataSource) ? dataSource : super.pool(dataSource);
    }

    /** A pool found idle through its evictor is its GenericObjectPool (see {@link Dbcp2PoolParts}). */
    private boolean isPool(Object dataSource) {
        return Dbcp2PoolParts.isPool(dataSource, packagePrefix);
    }
}
