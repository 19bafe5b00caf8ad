package io.pgjmx.agent.families.hikari;

import static io.pgjmx.agent.instrument.LibraryInstrumentation.noArgs;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.pgjmx.agent.instrument.LibraryInstrumentation;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;

/** HikariCP: found on getConnection, on pool creation and by its housekeeper; connections opened in PoolBase. */
final class HikariInstrumentation implements LibraryInstrumentation {

    static final String PACKAGE = "com.zaxxer.hikari.";
    static final String DATA_SOURCE = PACKAGE + "HikariDataSource";
    static final String POOL = PACKAGE + "pool.HikariPool";
    static final String HOUSE_KEEPER = POOL + "$HouseKeeper";
    static final String POOL_BASE = PACKAGE + "pool.PoolBase";

    @Override
    public Set<String> typeNames() {
        return Set.of(DATA_SOURCE, POOL, HOUSE_KEEPER, POOL_BASE);
    }

    @Override
    public AgentBuilder apply(AgentBuilder builder) {
        builder = LibraryInstrumentation.dataSource(builder, DATA_SOURCE, noArgs("getConnection"), noArgs("close"))
                .type(named(POOL))
                .transform(LibraryInstrumentation.advice()
                        .advice(isConstructor().and(takesArguments(1)), HikariAdvice.PoolCreated.class.getName()))
                .type(named(HOUSE_KEEPER))
                .transform(LibraryInstrumentation.advice()
                        .advice(noArgs("run"), HikariAdvice.HouseKeeping.class.getName()));
        return LibraryInstrumentation.connectionCreator(builder, POOL_BASE, named("newConnection"));
    }
}
