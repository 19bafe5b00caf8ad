package io.pgjmx.agent.instrument;

import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The usual pool, told by its matchers alone: a DataSource class found when a {@code used} method runs and
 * unregistered when a {@code closed} one does, and a class inside whose {@code creates} method it opens each
 * physical connection. A pool that needs more hooks implements {@link LibraryInstrumentation} itself.
 */
public abstract class PoolInstrumentation implements LibraryInstrumentation {

    private final String dataSourceType;
    private final ElementMatcher<? super MethodDescription> used;
    private final ElementMatcher<? super MethodDescription> closed;
    private final String creatorType;
    private final ElementMatcher<? super MethodDescription> creates;

    protected PoolInstrumentation(String dataSourceType, ElementMatcher<? super MethodDescription> used,
            ElementMatcher<? super MethodDescription> closed, String creatorType,
            ElementMatcher<? super MethodDescription> creates) {
        this.dataSourceType = dataSourceType;
        this.used = used;
        this.closed = closed;
        this.creatorType = creatorType;
        this.creates = creates;
    }

    @Override
    public Set<String> typeNames() {
        return Set.of(dataSourceType, creatorType);
    }

    @Override
    public AgentBuilder apply(AgentBuilder builder) {
        return LibraryInstrumentation.connectionCreator(
                LibraryInstrumentation.dataSource(builder, dataSourceType, used, closed), creatorType, creates);
    }
}
