package io.pgjmx.agent.families.agroal;

import static io.pgjmx.agent.instrument.LibraryInstrumentation.noArgs;

import io.pgjmx.agent.instrument.PoolInstrumentation;

/**
 * Agroal ({@code agroal-pool}): found on getConnection; physical connections are opened by its
 * ConnectionFactory, mostly on the pool's housekeeping thread.
 */
final class AgroalInstrumentation extends PoolInstrumentation {

    static final String DATA_SOURCE = "io.agroal.pool.DataSource";
    static final String CONNECTION_FACTORY = "io.agroal.pool.ConnectionFactory";

    AgroalInstrumentation() {
        super(DATA_SOURCE, noArgs("getConnection"), noArgs("close"), CONNECTION_FACTORY, noArgs("createConnection"));
    }
}
