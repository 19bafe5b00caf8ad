package io.pgjmx.testapp;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The pool families of the discovery tests, each built as an application would, with SIZE physical
 * connections opened up front (or on demand for the non-pooling ones) and never more. The pool is given
 * NAME where the family has a name of its own.
 */
final class Pools {

    private Pools() {
    }

    @SuppressWarnings("deprecation") // PGPoolingDataSource: deprecated, still in use
    static DataSource create(String family, String name, int size, String url, String user, String password)
            throws SQLException {
        switch (family) {
            case "dbcp2":
                return apacheStyle(new org.apache.commons.dbcp2.BasicDataSource(), "MaxTotal", size, url, user,
                        password);
            case "dbcp2-evictor": {
                // commons-pool's evictor runs on a thread of its own: the pool can be found from there
                org.apache.commons.dbcp2.BasicDataSource ds = (org.apache.commons.dbcp2.BasicDataSource)
                        create("dbcp2", name, size, url, user, password);
                ds.setDurationBetweenEvictionRuns(Duration.ofSeconds(30));
                return ds;
            }
            case "dbcp2-jmx": {
                // with a jmxName the BasicDataSource registers itself in the platform MBean server
                org.apache.commons.dbcp2.BasicDataSource ds = (org.apache.commons.dbcp2.BasicDataSource)
                        create("dbcp2", name, size, url, user, password);
                ds.setJmxName("org.example:type=BasicDataSource,name=" + name);
                return ds;
            }
            case "tomcat-dbcp":
                return apacheStyle(new org.apache.tomcat.dbcp.dbcp2.BasicDataSource(), "MaxTotal", size, url, user,
                        password);
            case "tomcat-jdbc": {
                org.apache.tomcat.jdbc.pool.DataSource ds = new org.apache.tomcat.jdbc.pool.DataSource();
                ds.setName(name);
                return apacheStyle(ds, "MaxActive", size, url, user, password);
            }
            case "c3p0": {
                com.mchange.v2.c3p0.ComboPooledDataSource ds = new com.mchange.v2.c3p0.ComboPooledDataSource();
                ds.setDataSourceName(name);
                ds.setJdbcUrl(url);
                ds.setUser(user);
                ds.setPassword(password);
                ds.setInitialPoolSize(size);
                ds.setMinPoolSize(size);
                ds.setMaxPoolSize(size);
                ds.setAcquireIncrement(1);
                return ds;
            }
            case "agroal":
                // connections on demand only: a pool filled up front (initialSize = maxSize) can leave a
                // getConnection racing the fill waiting for good (seen without any agent, Agroal 3.2.1)
                return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                        .connectionPoolConfiguration(p -> p.maxSize(size).acquisitionTimeout(Duration.ofSeconds(10))
                                .connectionFactoryConfiguration(f -> f.jdbcUrl(url).principal(new NamePrincipal(user))
                                        .credential(new SimplePassword(password)))));
            case "vibur": {
                org.vibur.dbcp.ViburDBCPDataSource ds = new org.vibur.dbcp.ViburDBCPDataSource();
                ds.setName(name);
                ds.setJdbcUrl(url);
                ds.setUsername(user);
                ds.setPassword(password);
                ds.setPoolInitialSize(size);
                ds.setPoolMaxSize(size);
                ds.start();
                return ds;
            }
            case "pgpooling": {
                org.postgresql.ds.PGPoolingDataSource ds = new org.postgresql.ds.PGPoolingDataSource();
                ds.setDataSourceName(name);
                ds.setUrl(url);
                ds.setUser(user);
                ds.setPassword(password);
                ds.setInitialConnections(size);
                ds.setMaxConnections(size);
                return ds;
            }
            case "spring-dm":
                return new DriverManagerDataSource(url, user, password);
            case "spring-simple":
                return new SimpleDriverDataSource(new org.postgresql.Driver(), url, user, password);
            case "hikari-spring": {
                // a Spring DriverManagerDataSource as HikariCP's target: only the pool is a DataSource of its own
                HikariConfig c = new HikariConfig();
                c.setPoolName(name);
                c.setMaximumPoolSize(size);
                c.setMinimumIdle(size);
                c.setDataSource(new DriverManagerDataSource(url, user, password));
                return new HikariDataSource(c);
            }
            default:
                throw new IllegalArgumentException("unknown pool family " + family);
        }
    }

    /**
     * DBCP2, Tomcat's repackaged copy of it and the Tomcat JDBC pool take the same settings under the same
     * names but share no type, so the settings are made by name, once for the three. Only the cap differs:
     * {@code maxProperty}.
     */
    private static DataSource apacheStyle(DataSource ds, String maxProperty, int size, String url, String user,
            String password) {
        set(ds, "Url", url);
        set(ds, "Username", user);
        set(ds, "Password", password);
        for (String property : List.of("InitialSize", "MinIdle", "MaxIdle", maxProperty)) {
            set(ds, property, size);
        }
        return ds;
    }

    /** java.beans finds the setter for the value's type, an {@code int} one for an Integer too. */
    private static void set(Object bean, String property, Object value) {
        try {
            new java.beans.Statement(bean, "set" + property, new Object[] {value}).execute();
        } catch (Exception e) {
            throw new IllegalArgumentException(bean.getClass().getName() + ": set" + property + " failed", e);
        }
    }

    /**
     * A pool of FAMILY (as {@link #create}) made as the singleton bean NAME of a Spring application context that
     * registered its shutdown hook, as most applications' contexts do; the application keeps only the pool.
     */
    static DataSource inSpringContext(String family, String name, int size, String url, String user, String password) {
        org.springframework.context.support.GenericApplicationContext context =
                new org.springframework.context.support.GenericApplicationContext();
        context.registerBean(name, DataSource.class, () -> {
            try {
                return create(family, name, size, url, user, password);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        context.registerShutdownHook();
        context.refresh();
        return context.getBean(name, DataSource.class);
    }

    /** A pool's own counts: {@code active=N borrowed=M} (connections lent now, and ever). */
    static String counts(DataSource ds) throws Exception {
        if (ds instanceof org.apache.tomcat.jdbc.pool.DataSource t) {
            return "active=" + t.getActive() + " borrowed=" + t.getBorrowedCount();
        }
        if (ds instanceof org.apache.commons.dbcp2.BasicDataSource b) {
            java.lang.reflect.Method m = b.getClass().getDeclaredMethod("getConnectionPool"); // protected
            m.setAccessible(true);
            var pool = (org.apache.commons.pool2.impl.GenericObjectPool<?>) m.invoke(b);
            return "active=" + b.getNumActive() + " borrowed=" + pool.getBorrowedCount();
        }
        throw new IllegalArgumentException("no counts for " + ds.getClass().getName());
    }

    /**
     * A DBCP2 pool of an in-memory H2 database, H2's Driver given to it directly from a loader of its own:
     * on the class path it would register with DriverManager wherever the test libraries are visible.
     */
    static DataSource h2(String name, String jar) throws Exception {
        ClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {java.nio.file.Path.of(jar).toUri().toURL()},
                Pools.class.getClassLoader());
        org.apache.commons.dbcp2.BasicDataSource ds = new org.apache.commons.dbcp2.BasicDataSource();
        ds.setDriver((java.sql.Driver) Class.forName("org.h2.Driver", true, loader).getDeclaredConstructor().newInstance());
        ds.setUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        ds.setUsername("sa");
        return ds;
    }

    /** One of Spring's proxies around an existing DataSource. */
    static DataSource wrap(String kind, DataSource target) {
        switch (kind) {
            case "tx-aware":
                return new org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy(target);
            case "lazy":
                return new org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy(target);
            case "delegating":
                return new org.springframework.jdbc.datasource.DelegatingDataSource(target);
            default:
                throw new IllegalArgumentException("unknown wrapper " + kind);
        }
    }

    /** Spring's AbstractRoutingDataSource over two targets, routed by {@link #route}. */
    static DataSource routing(DataSource first, DataSource second) {
        org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource ds =
                new org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource() {
                    @Override
                    protected Object determineCurrentLookupKey() {
                        return route;
                    }
                };
        ds.setTargetDataSources(Map.of("1", first, "2", second));
        ds.afterPropertiesSet();
        return ds;
    }

    static volatile String route = "1";
}
