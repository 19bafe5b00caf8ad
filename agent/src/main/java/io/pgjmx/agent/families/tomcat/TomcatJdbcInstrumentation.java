package io.pgjmx.agent.families.tomcat;

import static io.pgjmx.agent.instrument.MethodMatch.named;
import static io.pgjmx.agent.instrument.MethodMatch.noArgs;

import io.pgjmx.agent.instrument.Hook;
import io.pgjmx.agent.instrument.HookTable;
import io.pgjmx.agent.instrument.LibraryInstrumentation;
import io.pgjmx.agent.instrument.PoolHooks;

/**
 * The Tomcat JDBC pool ({@code org.apache.tomcat.jdbc.pool}). Its DataSource extends DataSourceProxy, which
 * declares getConnection, createPool and close. A physical connection is opened in
 * {@code PooledConnection#connect}; the creator is that connection's pool (its field {@code parent}), so the
 * backends are the ConnectionPool's.
 */
final class TomcatJdbcInstrumentation implements LibraryInstrumentation {

    static final String PROXY = "org.apache.tomcat.jdbc.pool.DataSourceProxy";
    static final String POOLED_CONNECTION = "org.apache.tomcat.jdbc.pool.PooledConnection";

    @Override
    public void addTo(HookTable table) {
        table.add(PROXY, noArgs("getConnection"), PoolHooks.USED)
                .add(PROXY, named("createPool"), PoolHooks.USED)
                .add(PROXY, named("close").withParameters(1), PoolHooks.CLOSED)
                .add(POOLED_CONNECTION, noArgs("connect"), PoolHooks.creates(Hook.Value.field("parent")));
    }
}
