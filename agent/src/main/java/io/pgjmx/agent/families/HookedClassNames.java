package io.pgjmx.agent.families;

import java.util.Set;

/**
 * Every class the families hook, by name, for premain's {@link io.pgjmx.agent.instrument.HookGate}: it must
 * know them before the families are loaded, which premain leaves to the agent's start thread.
 * {@code PoolFamiliesTest} holds this list equal to the families' own; a class missing here is still woven,
 * only from the start thread's retransformation instead of its first definition.
 */
public final class HookedClassNames {

    public static final Set<String> ALL = Set.of(
            "com.mchange.v2.c3p0.WrapperConnectionPoolDataSource",
            "com.mchange.v2.c3p0.impl.AbstractPoolBackedDataSource",
            "com.mchange.v2.c3p0.impl.C3P0PooledConnectionPool",
            "com.zaxxer.hikari.HikariDataSource",
            "com.zaxxer.hikari.pool.HikariPool",
            "com.zaxxer.hikari.pool.HikariPool$HouseKeeper",
            "com.zaxxer.hikari.pool.PoolBase",
            "com.zaxxer.hikari.pool.PoolEntry",
            "io.agroal.pool.ConnectionFactory",
            "io.agroal.pool.ConnectionPool",
            "io.agroal.pool.DataSource",
            "org.apache.commons.dbcp2.BasicDataSource",
            "org.apache.commons.dbcp2.PoolableConnectionFactory",
            "org.apache.tomcat.dbcp.dbcp2.BasicDataSource",
            "org.apache.tomcat.dbcp.dbcp2.PoolableConnectionFactory",
            "org.apache.tomcat.jdbc.pool.ConnectionPool",
            "org.apache.tomcat.jdbc.pool.DataSourceProxy",
            "org.apache.tomcat.jdbc.pool.PooledConnection",
            "org.postgresql.Driver",
            "org.postgresql.ds.PGPoolingDataSource",
            "org.postgresql.ds.common.BaseDataSource",
            "org.springframework.jdbc.datasource.AbstractDriverBasedDataSource",
            "org.vibur.dbcp.ViburDBCPDataSource",
            "org.vibur.dbcp.pool.ConnectionFactory",
            "org.vibur.dbcp.pool.PoolOperations");

    private HookedClassNames() {
    }
}
