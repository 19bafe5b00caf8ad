package io.pgjmx.agent.discovery;

import io.pgjmx.agent.util.Reflect;
import java.sql.Connection;

/** What the agent knows of pgjdbc's own objects. */
final class PgJdbc {

    private static final String PG_CONNECTION = "org.postgresql.PGConnection";

    private PgJdbc() {
    }

    static boolean isPostgresUrl(String url) {
        return url.startsWith("jdbc:postgresql:");
    }

    /**
     * The pgjdbc connection behind a connection a pool holds: itself when it is one, else what it unwraps
     * to ({@link java.sql.Wrapper}); null when there is none.
     */
    static Object pgConnection(Object connection) {
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
    static String dataSourceUrl(Object pgDataSource) {
        String url = Reflect.string(pgDataSource, "getUrl");
        return url == null ? null : url.replaceAll("(?i)([?&])(password|user)=[^&]*&?", "$1").replaceAll("[?&]$", "");
    }
}
