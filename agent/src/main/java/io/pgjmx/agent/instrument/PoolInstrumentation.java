package io.pgjmx.agent.instrument;

import java.util.List;

/**
 * The usual pool, told by its methods alone: a DataSource class found when one of its {@code used} methods
 * runs and unregistered when a {@code closed} one does, and a class inside whose {@code creates} method it
 * opens each physical connection. A pool that needs more hooks implements {@link LibraryInstrumentation} itself.
 */
public abstract class PoolInstrumentation implements LibraryInstrumentation {

    private final String dataSourceType;
    private final List<MethodMatch> used;
    private final List<MethodMatch> closed;
    private final String creatorType;
    private final MethodMatch creates;

    protected PoolInstrumentation(String dataSourceType, List<MethodMatch> used, List<MethodMatch> closed,
            String creatorType, MethodMatch creates) {
        this.dataSourceType = dataSourceType;
        this.used = List.copyOf(used);
        this.closed = List.copyOf(closed);
        this.creatorType = creatorType;
        this.creates = creates;
    }

    @Override
    public void addTo(HookTable table) {
        for (MethodMatch m : used) {
            table.add(dataSourceType, m, PoolHooks.USED);
        }
        for (MethodMatch m : closed) {
            table.add(dataSourceType, m, PoolHooks.CLOSED);
        }
        LibraryInstrumentation.connectionCreator(table, creatorType, creates);
    }
}
