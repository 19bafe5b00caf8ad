package io.pgjmx.agent.instrument;

import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;

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
}
