package io.pgjmx.agent.families.dbcp2;

import io.pgjmx.agent.discovery.ConnectionSpec;
import io.pgjmx.agent.discovery.PgJdbc;
import io.pgjmx.agent.util.Reflect;
import java.lang.ref.Reference;
import java.util.Properties;

/**
 * What of a DBCP2 pool the application's threads hold: with {@code timeBetweenEvictionRuns} &gt; 0 (default
 * off), commons-pool's evictor ({@code EvictionTimer$WeakRunner} over {@code BaseGenericObjectPool$Evictor}) is
 * scheduled on its evictor thread. It leads to the GenericObjectPool, its PoolableConnectionFactory and the
 * DriverConnectionFactory with URL and connection properties, and no further: nothing in the pool refers back
 * to the BasicDataSource, so such a pool is registered as its GenericObjectPool, described from those.
 */
final class Dbcp2PoolParts {

    private static final String POOL2 = "pool2.impl.";
    private static final String RUNNER = "EvictionTimer$WeakRunner";
    private static final String EVICTOR = "BaseGenericObjectPool$Evictor";

    private Dbcp2PoolParts() {
    }

    /** A GenericObjectPool of DBCP2's PoolableConnectionFactory in this copy of DBCP2. */
    static boolean isPool(Object object, String packagePrefix) {
        if (!object.getClass().getName().startsWith(pool2(packagePrefix))) {
            return false;
        }
        Object factory = Reflect.field(object, "factory");
        return factory != null && Reflect.isA(factory, packagePrefix + Dbcp2Instrumentation.CONNECTION_FACTORY);
    }

    /** The pool an evictor task (or the evictor itself) works for; null for anything else. */
    static Object poolOf(Object poolPart, String packagePrefix) {
        String name = poolPart.getClass().getName();
        Object evictor = poolPart;
        if (name.equals(pool2(packagePrefix) + RUNNER)) {
            evictor = Reflect.field(poolPart, "ref");
            evictor = evictor instanceof Reference<?> ref ? ref.get() : null;
        }
        if (evictor == null || !evictor.getClass().getName().equals(pool2(packagePrefix) + EVICTOR)) {
            return null;
        }
        Object pool = Reflect.field(evictor, "this$0");
        return pool != null && isPool(pool, packagePrefix) ? pool : null;
    }

    static String url(Object pool) {
        Object factory = driverFactory(pool);
        return factory == null ? null : (String) Reflect.field(factory, "connectionString");
    }

    /** BasicDataSource puts user and password into the connection properties it gives the driver. */
    static String user(Object pool) {
        Properties p = properties(pool);
        return p == null ? null : p.getProperty("user");
    }

    static ConnectionSpec spec(Object pool) {
        Properties p = properties(pool);
        return PgJdbc.urlSpec(Reflect.field(pool, "factory"), url(pool), user(pool), p == null ? null : p.getProperty("password"), p);
    }

    private static Properties properties(Object pool) {
        Object factory = driverFactory(pool);
        Object properties = factory == null ? null : Reflect.field(factory, "properties");
        return properties instanceof Properties p ? p : null;
    }

    /** The DriverConnectionFactory BasicDataSource makes by default; null for another kind. */
    private static Object driverFactory(Object pool) {
        Object poolable = Reflect.field(pool, "factory");
        Object factory = poolable == null ? null : Reflect.field(poolable, "connectionFactory");
        boolean driver = factory != null && factory.getClass().getName().endsWith("dbcp2.DriverConnectionFactory");
        return driver ? factory : null;
    }

    private static String pool2(String packagePrefix) {
        return packagePrefix.substring(0, packagePrefix.length() - "dbcp2.".length()) + POOL2;
    }
}
