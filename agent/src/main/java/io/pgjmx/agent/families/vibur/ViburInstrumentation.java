package io.pgjmx.agent.families.vibur;

import static io.pgjmx.agent.instrument.MethodMatch.named;
import static io.pgjmx.agent.instrument.MethodMatch.noArgs;

import io.pgjmx.agent.instrument.PoolInstrumentation;
import java.util.List;

/**
 * Vibur DBCP: found on start (which fills the initial pool) and getConnection; physical connections are
 * opened in its ConnectionFactory's create.
 */
final class ViburInstrumentation extends PoolInstrumentation {

    static final String DATA_SOURCE = "org.vibur.dbcp.ViburDBCPDataSource";
    static final String CONNECTION_FACTORY = "org.vibur.dbcp.pool.ConnectionFactory";

    ViburInstrumentation() {
        super(DATA_SOURCE, List.of(noArgs("getConnection"), noArgs("start")), List.of(noArgs("close"), noArgs("terminate")),
                CONNECTION_FACTORY, named("create").withParameters(1));
    }
}
