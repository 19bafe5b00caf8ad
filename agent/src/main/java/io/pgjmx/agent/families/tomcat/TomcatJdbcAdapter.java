package io.pgjmx.agent.families.tomcat;

import io.pgjmx.agent.discovery.ConnectionSpec;
import io.pgjmx.agent.discovery.LazyPoolAdapter;
import io.pgjmx.agent.discovery.PgJdbc;
import io.pgjmx.agent.discovery.PoolFigures;
import io.pgjmx.agent.util.Reflect;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Tomcat JDBC pool: {@code org.apache.tomcat.jdbc.pool.DataSource} (a DataSourceProxy) around a
 * ConnectionPool, configured by PoolProperties. Either a JDBC URL or an inner DataSource it wraps. A pool found
 * idle after a late attach is its ConnectionPool alone (see {@link TomcatPoolParts}): nothing in the pool leads
 * back to the DataSource, and the ConnectionPool reads the same (its own {@code poolProperties}).
 */
final class TomcatJdbcAdapter extends LazyPoolAdapter {

    /** The name Tomcat makes up when none is set ("Tomcat Connection Pool[1-12345]"): not a pool name. */
    private static final String DEFAULT_NAME_PREFIX = "Tomcat Connection Pool[";

    /**
     * The ConnectionPool, created on first getConnection (or createPool). PooledConnection#connect runs with it
     * as its {@code parent}: it is the creator of the physical connections too.
     */
    TomcatJdbcAdapter() {
        super(TomcatJdbcInstrumentation.PROXY, "pool");
    }

    @Override
    public boolean handles(Object dataSource) {
        return super.handles(dataSource) || TomcatPoolParts.isPool(dataSource);
    }

    @Override
    public boolean isPostgres(Object dataSource) {
        Object inner = inner(dataSource);
        return inner != null ? PgJdbc.isPgJdbc(inner)
                : PgJdbc.isPostgresUrl(Reflect.string(properties(dataSource), "getUrl"));
    }

    @Override
    public String poolName(Object dataSource) {
        String name = Reflect.string(properties(dataSource), "getName");
        return name == null || name.startsWith(DEFAULT_NAME_PREFIX) ? null : name;
    }

    @Override
    public String jdbcUrl(Object dataSource) {
        Object inner = inner(dataSource);
        return inner != null ? PgJdbc.dataSourceUrl(inner) : Reflect.string(properties(dataSource), "getUrl");
    }

    @Override
    public String username(Object dataSource) {
        String user = Reflect.string(properties(dataSource), "getUsername");
        Object inner = inner(dataSource);
        return user == null && inner != null ? Reflect.string(inner, "getUser") : user;
    }

    @Override
    public ConnectionSpec connectionSpec(Object dataSource) {
        Object props = properties(dataSource);
        Object inner = inner(dataSource);
        if (inner != null && Reflect.string(props, "getUsername") == null) {
            return PgJdbc.urlSpec(inner, PgJdbc.dataSourceUrl(inner), Reflect.string(inner, "getUser"),
                    Reflect.string(inner, "getPassword"), null);
        }
        return PgJdbc.urlSpec(inner != null ? inner : dataSource, jdbcUrl(dataSource), username(dataSource),
                Reflect.string(props, "getPassword"), Reflect.invoke(props, "getDbProperties"));
    }

    /** close() drops the pool; a pool closed another way says so itself. */
    @Override
    public boolean isClosed(Object dataSource) {
        Object pool = pool(dataSource);
        return pool == null || Boolean.TRUE.equals(Reflect.field(pool, "closed"));
    }

    @Override
    public List<Object> wrapped(Object dataSource) {
        return Stream.ofNullable(inner(dataSource)).toList();
    }

    /**
     * The busy and idle queues, iterated (Tomcat's FairBlockingQueue iterates a copy made under a short
     * lock and refuses toArray; neither waits for a connection).
     */
    @Override
    public List<Object> physicalConnections(Object dataSource) {
        Object pool = pool(dataSource);
        List<Object> connections = new ArrayList<>();
        for (String queue : new String[] {"busy", "idle"}) {
            Object q = pool == null ? null : Reflect.field(pool, queue);
            if (q instanceof Collection<?> c) {
                for (Object pooled : c) {
                    Object raw = Reflect.field(pooled, "connection");
                    if (raw != null) {
                        connections.add(raw);
                    }
                }
            }
        }
        return connections;
    }

    @Override
    public Object dataSourceOf(Object poolPart) {
        return TomcatPoolParts.poolOf(poolPart);
    }

    @Override
    public PoolFigures poolFigures(Object dataSource) {
        Object pool = pool(dataSource); // ConnectionPool's busy/idle queue sizes and waiter count
        return PoolFigures.read(pool, "getActive", "getIdle", pool, "getWaitCount");
    }

    @Override
    protected Object pool(Object dataSource) {
        return TomcatPoolParts.isPool(dataSource) ? dataSource : super.pool(dataSource);
    }

    private static Object properties(Object dataSource) {
        Object props = Reflect.field(dataSource, "poolProperties");
        return props == null ? new Object() : props;
    }

    private static Object inner(Object dataSource) {
        Object inner = Reflect.invoke(properties(dataSource), "getDataSource");
        // a DataSource object given to the pool; a JNDI name (a String) is not one
        return inner instanceof javax.sql.CommonDataSource ? inner : null;
    }
}
