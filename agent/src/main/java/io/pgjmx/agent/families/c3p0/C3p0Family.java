package io.pgjmx.agent.families.c3p0;

import io.pgjmx.agent.instrument.Borrowing;
import io.pgjmx.agent.instrument.PoolFamily;
import java.util.List;

/** c3p0: this folder's line in PoolFamilies. */
public final class C3p0Family {

    public static final PoolFamily FAMILY = new PoolFamily("c3p0", List.of(new C3p0Instrumentation(), Borrowing.c3p0()),
            List.of(new C3p0Adapter()));

    private C3p0Family() {
    }
}
