package io.pgjmx.agent.families.direct;

import io.pgjmx.agent.discovery.ConnectionSpec;
import io.pgjmx.agent.discovery.DirectConnections;
import io.pgjmx.agent.discovery.PoolAdapter;

/** The connections of one URL and user opened outside any known pool: {@code DriverManager-N}. */
final class DirectConnectionsAdapter implements PoolAdapter {

    @Override
    public boolean handles(Object dataSource) {
        return dataSource instanceof DirectConnections;
    }

    @Override
    public boolean isPostgres(Object dataSource) {
        return true;
    }

    @Override
    public String poolName(Object dataSource) {
        return ((DirectConnections) dataSource).rememberedName();
    }

    @Override
    public String typeName(Object dataSource) {
        return "DriverManager";
    }

    @Override
    public String poolClass(Object dataSource) {
        return "java.sql.DriverManager";
    }

    @Override
    public String jdbcUrl(Object dataSource) {
        return ((DirectConnections) dataSource).url();
    }

    @Override
    public String username(Object dataSource) {
        return ((DirectConnections) dataSource).user();
    }

    @Override
    public ConnectionSpec connectionSpec(Object dataSource) {
        return ((DirectConnections) dataSource).connectionSpec();
    }

    /** Gone once it has had no open connection for a while; see {@link DirectConnections}. */
    @Override
    public boolean isClosed(Object dataSource) {
        return ((DirectConnections) dataSource).retireIfIdle();
    }
}
