package io.pgjmx.agent.families.direct;

import io.pgjmx.agent.instrument.PoolFamily;
import java.util.List;

/**
 * Connections opened outside any known pool (DriverManager, a Driver called directly), grouped by URL and
 * user: this folder's line in PoolFamilies. It has no advice of its own: pgjdbc's {@code Driver#connect}
 * reports every physical connection, and the registry groups those no pool was creating.
 */
public final class DirectFamily {

    public static final PoolFamily FAMILY = new PoolFamily("direct", List.of(),
            List.of(new DirectConnectionsAdapter()));

    private DirectFamily() {
    }
}
