package io.pgjmx.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The advice for one library, in the manner of OpenTelemetry's one instrumentation per library. Types are
 * named exactly: matching costs one hash lookup per loaded class and never resolves a type hierarchy, so
 * an advised method must be declared in the named class itself (a subclass that overrides it is named too).
 */
public interface LibraryInstrumentation {

    /** Every class this library's advice goes into; after a late attach only these are retransformed. */
    Set<String> typeNames();

    AgentBuilder apply(AgentBuilder builder);

    /** Advice inlined from the agent's own loader, which holds the advice classes. */
    static AgentBuilder.Transformer.ForAdvice advice() {
        return new AgentBuilder.Transformer.ForAdvice().include(LibraryInstrumentation.class.getClassLoader());
    }

    /** A method by name without parameters, as most pools' getConnection, start and close are. */
    static ElementMatcher.Junction<MethodDescription> noArgs(String name) {
        return named(name).and(takesArguments(0));
    }

    /**
     * A pool's DataSource class: found when a {@code used} method returns (or throws: a pool exhausted before
     * a late attach is found too), unregistered at once when a {@code closed} one does.
     */
    static AgentBuilder dataSource(AgentBuilder builder, String type, ElementMatcher<? super MethodDescription> used,
            ElementMatcher<? super MethodDescription> closed) {
        return builder.type(named(type)).transform(advice()
                .advice(used, PoolAdvice.Used.class.getName())
                .advice(closed, PoolAdvice.Closed.class.getName()));
    }

    /** The class inside whose {@code creates} method a pool opens each physical connection: those are its own. */
    static AgentBuilder connectionCreator(AgentBuilder builder, String type,
            ElementMatcher<? super MethodDescription> creates) {
        return builder.type(named(type)).transform(advice().advice(creates, PoolAdvice.CreatesConnections.class.getName()));
    }
}
