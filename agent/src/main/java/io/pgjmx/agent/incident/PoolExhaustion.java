package io.pgjmx.agent.incident;

import java.sql.SQLTransientConnectionException;
import java.util.NoSuchElementException;

/**
 * Tells a pool that could not hand out a connection in time from other getConnection failures (a wrong
 * password, a server that refuses), by the exception each family throws then:
 * <ul>
 * <li>HikariCP: {@link SQLTransientConnectionException} ("Connection is not available, request timed out");
 * <li>DBCP2, Apache's and Tomcat's repackaged copy: an SQLException caused by commons-pool's
 * {@link NoSuchElementException} ("Timeout waiting for idle object", "Pool exhausted");
 * <li>Tomcat JDBC: {@code org.apache.tomcat.jdbc.pool.PoolExhaustedException}, matched by name as the agent
 * cannot see the pool's classes.
 * </ul>
 */
public final class PoolExhaustion {

    static final String TOMCAT_JDBC = "org.apache.tomcat.jdbc.pool.PoolExhaustedException";
    /** Causes are a short chain; a cycle or a freak depth stops here. */
    private static final int MAX_DEPTH = 8;

    private PoolExhaustion() {
    }

    /** Whether {@code thrown} (or one of its causes) says the pool had no connection to give in time. */
    public static boolean isExhaustion(Throwable thrown) {
        Throwable t = thrown;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof NoSuchElementException
                    || t.getClass().getName().equals(TOMCAT_JDBC)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
