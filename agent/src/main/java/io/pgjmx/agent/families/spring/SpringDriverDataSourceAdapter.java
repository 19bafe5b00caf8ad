package io.pgjmx.agent.families.spring;

import io.pgjmx.agent.discovery.JavaBeanAdapter;

/**
 * Spring's driver-based DataSources (DriverManagerDataSource, SimpleDriverDataSource): no pool, a physical
 * connection per call, each opened in their getConnectionFromDriver. Never closed.
 */
final class SpringDriverDataSourceAdapter extends JavaBeanAdapter {

    SpringDriverDataSourceAdapter() {
        super(SpringJdbcInstrumentation.DRIVER_BASED, "getUrl", "getUsername", "getPassword",
                "getConnectionProperties", null);
    }
}
