package io.pgjmx.agent.discovery;

import io.pgjmx.agent.util.Names;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** NAME of {@code pgjmx:type=DataSource,name=NAME}: the pool's own name, else SimpleClassName-N; unique. */
final class DataSourceNames {

    private final Map<String, Integer> perClass = new HashMap<>();
    private final Set<String> inUse = new HashSet<>();

    synchronized String claim(String poolName, String typeName) {
        String base = poolName != null && !poolName.isBlank() ? poolName
                : typeName + "-" + perClass.merge(typeName, 1, Integer::sum);
        base = Names.mbeanSafe(base);
        String name = base;
        for (int n = 2; inUse.contains(name); n++) {
            name = base + "-" + n;
        }
        inUse.add(name);
        return name;
    }

    synchronized void release(String name) {
        inUse.remove(name);
    }
}
