package io.pgjmx.agent.families.agroal;

import io.pgjmx.agent.instrument.Borrowing;
import io.pgjmx.agent.instrument.PoolFamily;
import java.util.List;

/** Agroal (agroal-pool): this folder's line in PoolFamilies. */
public final class AgroalFamily {

    public static final PoolFamily FAMILY = new PoolFamily("agroal", List.of(new AgroalInstrumentation(), Borrowing.agroal()),
            List.of(new AgroalAdapter()));

    private AgroalFamily() {
    }
}
