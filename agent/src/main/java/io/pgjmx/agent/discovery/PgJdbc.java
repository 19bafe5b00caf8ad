package io.pgjmx.agent.discovery;

import io.pgjmx.agent.util.JdbcUrls;
import io.pgjmx.agent.util.Reflect;
import java.sql.Connection;
import java.util.Properties;

/** What the agent knows of pgjdbc's own objects. */
public final class PgJdbc {

    /** The driver's package: a class in it is pgjdbc's own. */
    public static final String PACKAGE = "org.postgresql.";
    public static final String DRIVER = PACKAGE + "Driver";
    private static final String PG_CONNECTION = PACKAGE + "PGConnection";

    private PgJdbc() {
    }

    /** True for an object of one of pgjdbc's own classes (its DataSources, its connections). */
    public static boolean isPgJdbc(Object object) {
        return object != null && object.getClass().getName().startsWith(PACKAGE);
    }

    public static boolean isPostgresUrl(String url) {
        return url != null && url.startsWith("jdbc:postgresql:");
    }

    /**
     * How a pool that connects through a JDBC URL opens its connections. The pool's own loader is where its
     * driver is looked up until a connection it really opened says otherwise.
     */
    public static ConnectionSpec urlSpec(Object pool, String url, String user, String password, Object driverProperties) {
        Properties properties = new Properties();
        if (driverProperties instanceof Properties p) {
            properties.putAll(p);
        }
        return new ConnectionSpec(url, user, password, properties, pool.getClass().getClassLoader());
    }

    /**
     * The pgjdbc connection behind a connection a pool holds: itself when it is one, else what it unwraps
     * to ({@link java.sql.Wrapper}); null when there is none.
     */
    public static Object pgConnection(Object connection) {
        if (Reflect.implementsInterface(connection, PG_CONNECTION)) {
            return connection;
        }
        if (!(connection instanceof Connection wrapper)) {
            return null;
        }
        try {
            Class<?> pg = Class.forName(PG_CONNECTION, false, connection.getClass().getClassLoader());
            return wrapper.isWrapperFor(pg) ? wrapper.unwrap(pg) : null;
        } catch (ClassNotFoundException | LinkageError | java.sql.SQLException | RuntimeException e) {
            return null;
        }
    }

    /** A pgjdbc BaseDataSource's URL, with user and password left out (they are read separately). */
    public static String dataSourceUrl(Object pgDataSource) {
        return withoutCredentials(Reflect.string(pgDataSource, "getUrl"));
    }

    /** The user of a DataSource a pool wraps: pgjdbc's say getUser, Spring's getUsername. */
    public static String innerUser(Object inner) {
        String user = Reflect.string(inner, "getUser");
        return user != null ? user : Reflect.string(inner, "getUsername");
    }

    /** A JDBC URL without its user and password parameters. */
    public static String withoutCredentials(String url) {
        return JdbcUrls.withoutParams(url, "user", "password");
    }

    /** A parameter of a JDBC URL's query part, not decoded; null when absent. */
    public static String urlParam(String url, String name) {
        return JdbcUrls.param(url, name);
    }
}
