package io.pgjmx.agent.instrument;

import static io.pgjmx.agent.instrument.Hook.Value.THIS;

import java.util.Set;

/**
 * The hooks of one library, in the manner of OpenTelemetry's one instrumentation per library. Classes and
 * methods are named exactly: matching costs one hash lookup per loaded class and never resolves a type
 * hierarchy, so a hooked method must be declared in the named class itself (a subclass that overrides it
 * is named too).
 */
public interface LibraryInstrumentation {

    /** Adds this library's classes and their hooks. */
    void addTo(HookTable table);

    /** Every class this library's hooks go into; after a late attach only these are retransformed. */
    default Set<String> typeNames() {
        HookTable own = new HookTable();
        addTo(own);
        return own.classNames();
    }

    /**
     * A pool's DataSource class: found when a {@code used} method returns (or throws: a pool exhausted before
     * a late attach is found too), unregistered at once when a {@code closed} one does.
     */
    static void dataSource(HookTable table, String type, MethodMatch used, MethodMatch closed) {
        table.add(type, used, PoolHooks.USED).add(type, closed, PoolHooks.CLOSED);
    }

    /** The class inside whose {@code creates} method a pool opens each physical connection: those are its own. */
    static void connectionCreator(HookTable table, String type, MethodMatch creates) {
        table.add(type, creates, PoolHooks.creates(THIS));
    }
}
