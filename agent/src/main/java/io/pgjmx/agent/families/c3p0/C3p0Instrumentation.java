package io.pgjmx.agent.families.c3p0;

import static io.pgjmx.agent.instrument.MethodMatch.named;

import io.pgjmx.agent.instrument.PoolInstrumentation;
import java.util.List;

/**
 * c3p0: ComboPooledDataSource's getConnection and close are declared in AbstractPoolBackedDataSource. It
 * acquires physical connections on its own helper threads, each inside
 * {@code WrapperConnectionPoolDataSource#getPooledConnection}, whose object the DataSource holds.
 */
final class C3p0Instrumentation extends PoolInstrumentation {

    static final String POOL_BACKED = "com.mchange.v2.c3p0.impl.AbstractPoolBackedDataSource";
    static final String WRAPPER_CPDS = "com.mchange.v2.c3p0.WrapperConnectionPoolDataSource";

    C3p0Instrumentation() {
        super(POOL_BACKED, List.of(named("getConnection")), List.of(named("close")), WRAPPER_CPDS,
                named("getPooledConnection"));
    }
}
