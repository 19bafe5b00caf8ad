package io.pgjmx.agent.instrument;

import static io.pgjmx.agent.instrument.Hook.Value.THIS;
import static io.pgjmx.agent.instrument.Hook.Value.THROWN;
import static io.pgjmx.agent.instrument.MethodMatch.noArgs;

/**
 * A pool's {@code getConnection()} that throws: the DataSource and the exception go to the agent, which tells
 * an exhausted pool from other failures on its own thread (see {@code io.pgjmx.agent.incident.PoolExhaustion}).
 * A hook of its own beside the family's discovery hook on the same method; nothing runs on success.
 */
public final class ExhaustionInstrumentation implements LibraryInstrumentation {

    private static final Hook REFUSED = Hook.onThrow("connectionRefused", THIS, THROWN);
    private final String dataSourceClass;

    private ExhaustionInstrumentation(String dataSourceClass) {
        this.dataSourceClass = dataSourceClass;
    }

    /** For a family whose {@code dataSourceClass} declares {@code getConnection()}: one line in its family. */
    public static ExhaustionInstrumentation of(String dataSourceClass) {
        return new ExhaustionInstrumentation(dataSourceClass);
    }

    @Override
    public void addTo(HookTable table) {
        table.add(dataSourceClass, noArgs("getConnection"), REFUSED);
    }
}
