package io.pgjmx.agent.families.tomcat;

import io.pgjmx.agent.util.Reflect;
import java.lang.ref.Reference;

/**
 * What of a Tomcat JDBC pool the application's threads and MBeans hold: the ConnectionPool's PoolCleaner (a
 * TimerTask on Tomcat's pool cleaner Timer, on by default: it runs every {@code timeBetweenEvictionRunsMillis}
 * while {@code minEvictableIdleTimeMillis} &gt; 0) and the pool's JMX view
 * ({@code org.apache.tomcat.jdbc.pool.jmx.ConnectionPool}, in the MBean server when someone registered it).
 * Both lead to the ConnectionPool and no further: the DataSource that made it keeps it in a field, but nothing
 * points back, so an idle pool is registered as its ConnectionPool.
 */
final class TomcatPoolParts {

    static final String POOL = "org.apache.tomcat.jdbc.pool.ConnectionPool";
    private static final String CLEANER = POOL + "$PoolCleaner";
    private static final String JMX_POOL = "org.apache.tomcat.jdbc.pool.jmx.ConnectionPool";

    private TomcatPoolParts() {
    }

    static boolean isPool(Object object) {
        return Reflect.isA(object, POOL);
    }

    /** The ConnectionPool a cleaner (through its WeakReference) or the JMX view belongs to; null otherwise. */
    static Object poolOf(Object poolPart) {
        String name = poolPart.getClass().getName();
        if (!name.equals(CLEANER) && !Reflect.isA(poolPart, JMX_POOL)) {
            return null;
        }
        Object pool = Reflect.field(poolPart, "pool");
        if (pool instanceof Reference<?> ref) {
            pool = ref.get();
        }
        return pool != null && isPool(pool) ? pool : null;
    }
}
