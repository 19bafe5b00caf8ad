package io.pgjmx.agent.families.c3p0;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.pgjmx.agent.instrument.LibraryInstrumentation;
import io.pgjmx.agent.instrument.PoolAdvice;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * c3p0: ComboPooledDataSource's getConnection and close are declared in AbstractPoolBackedDataSource. It
 * acquires physical connections on its own helper threads, each inside
 * {@code WrapperConnectionPoolDataSource#getPooledConnection}, whose object the DataSource holds.
 */
final class C3p0Instrumentation implements LibraryInstrumentation {

    static final String POOL_BACKED = "com.mchange.v2.c3p0.impl.AbstractPoolBackedDataSource";
    static final String WRAPPER_CPDS = "com.mchange.v2.c3p0.WrapperConnectionPoolDataSource";

    @Override
    public Set<String> typeNames() {
        return Set.of(POOL_BACKED, WRAPPER_CPDS);
    }

    @Override
    public AgentBuilder apply(AgentBuilder builder) {
        return builder
                .type(named(POOL_BACKED))
                .transform(LibraryInstrumentation.advice()
                        .advice(named("getConnection"), PoolAdvice.Used.class.getName())
                        .advice(named("close"), PoolAdvice.Closed.class.getName()))
                .type(named(WRAPPER_CPDS))
                .transform(LibraryInstrumentation.advice()
                        .advice(named("getPooledConnection"), PoolAdvice.CreatesConnections.class.getName()));
    }
}
