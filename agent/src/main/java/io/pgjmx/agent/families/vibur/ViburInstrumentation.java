package io.pgjmx.agent.families.vibur;

import static io.pgjmx.agent.instrument.LibraryInstrumentation.noArgs;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.pgjmx.agent.instrument.PoolInstrumentation;

/**
 * Vibur DBCP: found on start (which fills the initial pool) and getConnection; physical connections are
 * opened in its ConnectionFactory's create.
 */
final class ViburInstrumentation extends PoolInstrumentation {

    static final String DATA_SOURCE = "org.vibur.dbcp.ViburDBCPDataSource";
    static final String CONNECTION_FACTORY = "org.vibur.dbcp.pool.ConnectionFactory";

    ViburInstrumentation() {
        super(DATA_SOURCE, noArgs("getConnection").or(noArgs("start")),
                named("close").or(named("terminate")).and(takesArguments(0)),
                CONNECTION_FACTORY, named("create").and(takesArguments(1)));
    }
}
