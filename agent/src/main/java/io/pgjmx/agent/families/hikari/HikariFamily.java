package io.pgjmx.agent.families.hikari;

import io.pgjmx.agent.instrument.Borrowing;
import io.pgjmx.agent.instrument.ExhaustionInstrumentation;
import io.pgjmx.agent.instrument.PoolFamily;
import java.util.List;

/** HikariCP: this folder's line in PoolFamilies. */
public final class HikariFamily {

    public static final PoolFamily FAMILY = new PoolFamily("hikari", List.of(new HikariInstrumentation(), Borrowing.hikari(),
            ExhaustionInstrumentation.of(HikariInstrumentation.DATA_SOURCE)),
            List.of(new HikariAdapter()));

    private HikariFamily() {
    }
}
