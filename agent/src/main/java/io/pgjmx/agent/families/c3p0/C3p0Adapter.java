package io.pgjmx.agent.families.c3p0;

import io.pgjmx.agent.discovery.JavaBeanAdapter;
import io.pgjmx.agent.util.Reflect;
import java.util.List;
import java.util.stream.Stream;

/**
 * c3p0's ComboPooledDataSource. c3p0 always has a {@code dataSourceName}: when none is set it is the
 * identity token, a random string that is no name. Its pool sits behind locks, so after a late attach only
 * the connections it opens from then on are known as its own.
 */
final class C3p0Adapter extends JavaBeanAdapter {

    C3p0Adapter() {
        super("com.mchange.v2.c3p0.AbstractComboPooledDataSource", "getJdbcUrl", "getUser", "getPassword",
                "getProperties", "is_closed");
    }

    @Override
    public String poolName(Object dataSource) {
        return unlessGenerated(Reflect.string(dataSource, "getDataSourceName"),
                Reflect.string(dataSource, "getIdentityToken"));
    }

    /** The WrapperConnectionPoolDataSource: c3p0's helper threads open each connection in its getPooledConnection. */
    @Override
    public List<Object> connectionCreators(Object dataSource) {
        return Stream.ofNullable(Reflect.field(dataSource, "wcpds")).toList();
    }
}
