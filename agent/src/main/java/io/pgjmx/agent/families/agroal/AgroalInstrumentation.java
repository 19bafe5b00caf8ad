package io.pgjmx.agent.families.agroal;

import static io.pgjmx.agent.instrument.MethodMatch.noArgs;

import io.pgjmx.agent.instrument.PoolInstrumentation;
import java.util.List;

/**
 * Agroal ({@code agroal-pool}): found on getConnection; physical connections are opened by its
 * ConnectionFactory, mostly on the pool's housekeeping thread.
 */
final class AgroalInstrumentation extends PoolInstrumentation {

    static final String DATA_SOURCE = "io.agroal.pool.DataSource";
    static final String CONNECTION_FACTORY = "io.agroal.pool.ConnectionFactory";

    AgroalInstrumentation() {
        super(DATA_SOURCE, List.of(noArgs("getConnection")), List.of(noArgs("close")), CONNECTION_FACTORY,
                noArgs("createConnection"));
    }
}
