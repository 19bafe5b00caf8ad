package io.pgjmx.agent.discovery;

import java.util.List;

/**
 * Knows one pool family: how to tell it is PostgreSQL, how to read its name, URL, user and credentials,
 * whether it is closed, and which inner objects it wraps. All methods run on the agent's thread, never
 * on an application thread, and never open a connection or call anything that may block.
 */
public interface PoolAdapter {

    /** Cheap check on the runtime class; no side effects. */
    boolean handles(Object dataSource);

    /**
     * False for a pool of another database (H2, MySQL, ...): it is then ignored silently. By its JDBC URL
     * unless the family knows better (an inner DataSource, a driver class).
     */
    default boolean isPostgres(Object dataSource) {
        return PgJdbc.isPostgresUrl(jdbcUrl(dataSource));
    }

    /** Not yet ready to describe (e.g. a lazily started pool); try again on next use. */
    default boolean isReady(Object dataSource) {
        return true;
    }

    /** The pool's own name, or null when it has none. */
    default String poolName(Object dataSource) {
        return null;
    }

    /** The NAME base when the pool has no name of its own: NAME is then {@code typeName-N}. */
    default String typeName(Object dataSource) {
        return dataSource.getClass().getSimpleName();
    }

    /** What the MBean shows as {@code PoolClass}. */
    default String poolClass(Object dataSource) {
        return dataSource.getClass().getName();
    }

    String jdbcUrl(Object dataSource);

    String username(Object dataSource);

    ConnectionSpec connectionSpec(Object dataSource);

    boolean isClosed(Object dataSource);

    /**
     * Objects inside which this pool opens its physical connections (see the connection creation advice). A
     * DataSource without a pool opens each one itself.
     */
    default List<Object> connectionCreators(Object dataSource) {
        return List.of(dataSource);
    }

    /** Inner DataSources this pool delegates to: never registered on their own. */
    default List<Object> wrapped(Object dataSource) {
        return List.of();
    }

    /**
     * The DataSource that owns an object of the pool's insides (the pool itself, its housekeeping task), as
     * handed over by advice on the pool's own background work; null when it is not this family's.
     */
    default Object dataSourceOf(Object poolPart) {
        return null;
    }

    /**
     * The physical connections the pool holds right now, opened by the first of {@link #connectionCreators}.
     * After a late attach the agent never saw them being opened; this is how it learns their backends. Must
     * only read fields and copies: no pool lock, nothing that waits.
     */
    default List<Object> physicalConnections(Object dataSource) {
        return List.of();
    }

    /**
     * The pool's own connection counts for {@code /metrics}; null when this family does not tell them. Like
     * {@link #physicalConnections}, only counters the pool keeps for its own JMX: no lock, nothing that waits.
     */
    default PoolFigures poolFigures(Object dataSource) {
        return null;
    }
}
