package io.pgjmx.agent.families.spring;

import io.pgjmx.agent.instrument.PoolFamily;
import java.util.List;

/**
 * Spring's driver-based DataSources (DriverManagerDataSource, SimpleDriverDataSource): this folder's line in
 * PoolFamilies.
 */
public final class SpringFamily {

    public static final PoolFamily FAMILY = new PoolFamily("spring", List.of(new SpringJdbcInstrumentation()),
            List.of(new SpringDriverDataSourceAdapter()));

    private SpringFamily() {
    }
}
