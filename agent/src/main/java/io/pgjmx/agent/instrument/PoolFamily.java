package io.pgjmx.agent.instrument;

import io.pgjmx.agent.discovery.PoolAdapter;
import java.util.List;

/**
 * One pool family, as its folder under {@code io.pgjmx.agent.families} gives it: the advice that finds its
 * DataSources (matched by class name) and the adapters that read them. The installer takes the
 * instrumentations of every family, the registry their adapters; {@code PoolFamilies} lists the families.
 */
public record PoolFamily(String name, List<LibraryInstrumentation> instrumentations, List<PoolAdapter> adapters) {

    public PoolFamily {
        instrumentations = List.copyOf(instrumentations);
        adapters = List.copyOf(adapters);
    }
}
