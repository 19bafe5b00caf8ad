package io.pgjmx.agent.families.vibur;

import io.pgjmx.agent.discovery.JavaBeanAdapter;
import io.pgjmx.agent.util.Reflect;
import java.util.List;
import java.util.stream.Stream;

/**
 * Vibur DBCP's ViburDBCPDataSource. Its name defaults to a generated one ({@code defaultName}), which is
 * no name of the application's. Its pool keeps no list of the connections it lent, so after a late attach
 * only the connections it opens from then on are known as its own.
 */
final class ViburAdapter extends JavaBeanAdapter {

    ViburAdapter() {
        super(ViburInstrumentation.DATA_SOURCE, "getJdbcUrl", "getUsername", "getPassword", "getDriverProperties",
                null); // its closed state is its lifecycle state, below
    }

    /** Usable (and worth registering) once started. */
    @Override
    public boolean isReady(Object dataSource) {
        return !"NEW".equals(Reflect.string(dataSource, "getState"));
    }

    @Override
    public String poolName(Object dataSource) {
        return unlessGenerated(Reflect.string(dataSource, "getName"), Reflect.field(dataSource, "defaultName"));
    }

    @Override
    public boolean isClosed(Object dataSource) {
        return "TERMINATED".equals(Reflect.string(dataSource, "getState"));
    }

    /** Its ConnectionFactory, whose create opens each physical connection. */
    @Override
    public List<Object> connectionCreators(Object dataSource) {
        return Stream.ofNullable(Reflect.field(dataSource, "connectionFactory")).toList();
    }
}
