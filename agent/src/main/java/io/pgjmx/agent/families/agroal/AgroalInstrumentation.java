package io.pgjmx.agent.families.agroal;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.pgjmx.agent.instrument.LibraryInstrumentation;
import io.pgjmx.agent.instrument.PoolAdvice;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Agroal ({@code agroal-pool}): found on getConnection; physical connections are opened by its
 * ConnectionFactory, mostly on the pool's housekeeping thread.
 */
final class AgroalInstrumentation implements LibraryInstrumentation {

    static final String DATA_SOURCE = "io.agroal.pool.DataSource";
    static final String CONNECTION_FACTORY = "io.agroal.pool.ConnectionFactory";

    @Override
    public Set<String> typeNames() {
        return Set.of(DATA_SOURCE, CONNECTION_FACTORY);
    }

    @Override
    public AgentBuilder apply(AgentBuilder builder) {
        return builder
                .type(named(DATA_SOURCE))
                .transform(LibraryInstrumentation.advice()
                        .advice(named("getConnection").and(takesArguments(0)), PoolAdvice.Used.class.getName())
                        .advice(named("close").and(takesArguments(0)), PoolAdvice.Closed.class.getName()))
                .type(named(CONNECTION_FACTORY))
                .transform(LibraryInstrumentation.advice()
                        .advice(named("createConnection").and(takesArguments(0)),
                                PoolAdvice.CreatesConnections.class.getName()));
    }
}
