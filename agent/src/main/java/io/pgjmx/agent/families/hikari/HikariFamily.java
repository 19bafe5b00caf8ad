package io.pgjmx.agent.families.hikari;

import io.pgjmx.agent.instrument.PoolFamily;
import java.util.List;

/** HikariCP: this folder's line in PoolFamilies. */
public final class HikariFamily {

    public static final PoolFamily FAMILY = new PoolFamily("hikari", List.of(new HikariInstrumentation()),
            List.of(new HikariAdapter()));

    private HikariFamily() {
    }
}
