package io.pgjmx.agent.families.spring;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.pgjmx.agent.instrument.LibraryInstrumentation;
import io.pgjmx.agent.instrument.PoolAdvice;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Spring's driver-based DataSources (DriverManagerDataSource, SimpleDriverDataSource): both open each
 * connection in {@code AbstractDriverBasedDataSource#getConnectionFromDriver(String, String)}. Outermost
 * only: as a pool's target it belongs to the pool. Spring's proxies (TransactionAwareDataSourceProxy,
 * LazyConnectionDataSourceProxy, DelegatingDataSource, AbstractRoutingDataSource) get no advice at all:
 * the DataSources behind them are found by their own, so each is registered once and a proxy never.
 */
final class SpringJdbcInstrumentation implements LibraryInstrumentation {

    static final String DRIVER_BASED = "org.springframework.jdbc.datasource.AbstractDriverBasedDataSource";

    @Override
    public Set<String> typeNames() {
        return Set.of(DRIVER_BASED);
    }

    @Override
    public AgentBuilder apply(AgentBuilder builder) {
        return builder
                .type(named(DRIVER_BASED))
                .transform(LibraryInstrumentation.advice()
                        .advice(named("getConnectionFromDriver").and(takesArguments(2))
                                .and(takesArgument(0, String.class)), PoolAdvice.OutermostUse.class.getName()));
    }
}
