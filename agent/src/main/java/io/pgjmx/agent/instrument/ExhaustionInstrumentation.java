package io.pgjmx.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.pgjmx.bridge.PgjmxBridge;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * A pool's {@code getConnection()} that throws: the DataSource and the exception go to the agent, which tells
 * an exhausted pool from other failures on its own thread (see {@code io.pgjmx.agent.incident.PoolExhaustion}).
 * A transformation of its own beside the family's discovery advice on the same method: Byte Buddy applies
 * every transformation that matches a type, so the family's classes stay as they are.
 */
public final class ExhaustionInstrumentation implements LibraryInstrumentation {

    private final String dataSourceClass;

    private ExhaustionInstrumentation(String dataSourceClass) {
        this.dataSourceClass = dataSourceClass;
    }

    /** For a family whose {@code dataSourceClass} declares {@code getConnection()}: one line in its family. */
    public static ExhaustionInstrumentation of(String dataSourceClass) {
        return new ExhaustionInstrumentation(dataSourceClass);
    }

    @Override
    public Set<String> typeNames() {
        return Set.of(dataSourceClass);
    }

    @Override
    public AgentBuilder apply(AgentBuilder builder) {
        return builder
                .type(named(dataSourceClass))
                .transform(LibraryInstrumentation.advice()
                        .advice(named("getConnection").and(takesArguments(0)), Refused.class.getName()));
    }

    /** Inlined into the pool: JDK types and the bridge only; nothing happens on success but one null check. */
    static final class Refused {
        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.This Object dataSource, @Advice.Thrown Throwable thrown) {
            if (thrown != null) {
                PgjmxBridge.connectionRefused(dataSource, thrown);
            }
        }
    }
}
