package io.pgjmx.agent.families.vibur;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.pgjmx.agent.instrument.LibraryInstrumentation;
import io.pgjmx.agent.instrument.PoolAdvice;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Vibur DBCP: found on start (which fills the initial pool) and getConnection; physical connections are
 * opened in its ConnectionFactory's create.
 */
final class ViburInstrumentation implements LibraryInstrumentation {

    static final String DATA_SOURCE = "org.vibur.dbcp.ViburDBCPDataSource";
    static final String CONNECTION_FACTORY = "org.vibur.dbcp.pool.ConnectionFactory";

    @Override
    public Set<String> typeNames() {
        return Set.of(DATA_SOURCE, CONNECTION_FACTORY);
    }

    @Override
    public AgentBuilder apply(AgentBuilder builder) {
        return builder
                .type(named(DATA_SOURCE))
                .transform(LibraryInstrumentation.advice()
                        .advice(named("getConnection").and(takesArguments(0)).or(named("start").and(takesArguments(0))),
                                PoolAdvice.Used.class.getName())
                        .advice(named("close").or(named("terminate")).and(takesArguments(0)),
                                PoolAdvice.Closed.class.getName()))
                .type(named(CONNECTION_FACTORY))
                .transform(LibraryInstrumentation.advice()
                        .advice(named("create").and(takesArguments(1)), PoolAdvice.CreatesConnections.class.getName()));
    }
}
