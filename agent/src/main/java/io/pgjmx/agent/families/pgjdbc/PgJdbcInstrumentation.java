package io.pgjmx.agent.families.pgjdbc;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.pgjmx.agent.discovery.PgJdbc;
import io.pgjmx.agent.instrument.LibraryInstrumentation;
import io.pgjmx.agent.instrument.PoolAdvice;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * pgjdbc: the driver (every physical connection, whoever opens it), its plain DataSources and its old
 * {@code PGPoolingDataSource}. BaseDataSource's advice is outermost-only, so a pgjdbc DataSource that a pool
 * wraps (HikariCP's dataSourceClassName, PGPoolingDataSource's inner source) belongs to the pool.
 */
final class PgJdbcInstrumentation implements LibraryInstrumentation {

    static final String DRIVER = PgJdbc.DRIVER;
    static final String BASE_DATA_SOURCE = PgJdbc.PACKAGE + "ds.common.BaseDataSource";
    static final String POOLING_DATA_SOURCE = PgJdbc.PACKAGE + "ds.PGPoolingDataSource";

    @Override
    public Set<String> typeNames() {
        return Set.of(DRIVER, BASE_DATA_SOURCE, POOLING_DATA_SOURCE);
    }

    @Override
    public AgentBuilder apply(AgentBuilder builder) {
        return builder
                .type(named(DRIVER))
                .transform(LibraryInstrumentation.advice()
                        .advice(named("connect").and(takesArguments(2)).and(takesArgument(0, String.class)),
                                PgJdbcAdvice.Connect.class.getName()))
                .type(named(BASE_DATA_SOURCE))
                .transform(LibraryInstrumentation.advice()
                        .advice(named("getConnection").and(takesArguments(2)), PoolAdvice.OutermostUse.class.getName()))
                // PGPoolingDataSource overrides both getConnection methods; the physical connections of its pool
                // are opened inside them, through its inner PGConnectionPoolDataSource
                .type(named(POOLING_DATA_SOURCE))
                .transform(LibraryInstrumentation.advice()
                        .advice(named("getConnection"), PoolAdvice.OutermostUse.class.getName())
                        .advice(named("close").and(takesArguments(0)), PoolAdvice.Closed.class.getName()));
    }
}
