package io.pgjmx.agent.families.vibur;

import io.pgjmx.agent.instrument.Borrowing;
import io.pgjmx.agent.instrument.PoolFamily;
import java.util.List;

/** Vibur DBCP: this folder's line in PoolFamilies. */
public final class ViburFamily {

    public static final PoolFamily FAMILY = new PoolFamily("vibur", List.of(new ViburInstrumentation(), Borrowing.vibur()),
            List.of(new ViburAdapter()));

    private ViburFamily() {
    }
}
