package io.pgjmx.agent.instrument;

import io.pgjmx.agent.log.Log;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Installs the hooks of every supported library, each a {@link LibraryInstrumentation} of a {@link PoolFamily},
 * as one {@link Weaver}. After a late attach the classes are already loaded: only those named in the table are
 * even looked at, and they are retransformed in batches of 20, so the app's threads meet at most a short
 * safepoint for the few classes that change.
 */
public final class DiscoveryInstaller {

    private static final Logger LOG = Log.get(DiscoveryInstaller.class);
    private static final int BATCH = 20;

    private DiscoveryInstaller() {
    }

    /** {@code libraries}: every family's, from PoolFamilies; several may hook one class. */
    public static void install(Instrumentation instrumentation, List<LibraryInstrumentation> libraries) {
        HookTable table = new HookTable();
        for (LibraryInstrumentation library : libraries) {
            library.addTo(table);
        }
        instrumentation.addTransformer(new Weaver(table, instrumentation), true);
        retransformLoaded(instrumentation, table.classNames());
        LOG.debug("discovery installed");
    }

    /** Loads and runs the weaver once off the application's threads (see {@link Weaver#warmUp}). */
    public static void warmUp() {
        Weaver.warmUp();
    }

    /**
     * The classes with those names that were loaded before the transformer was in place. Looks again after
     * each round until no new class turns up, which catches a class whose loading was under way meanwhile.
     */
    private static void retransformLoaded(Instrumentation instrumentation, Set<String> names) {
        Set<Class<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (List<Class<?>> round = loaded(instrumentation, names, seen); !round.isEmpty();
                round = loaded(instrumentation, names, seen)) {
            for (int from = 0; from < round.size(); from += BATCH) {
                List<Class<?>> batch = round.subList(from, Math.min(round.size(), from + BATCH));
                try {
                    instrumentation.retransformClasses(batch.toArray(new Class<?>[0]));
                } catch (Throwable t) {
                    LOG.warn("could not retransform {}: {}; those classes are found only once loaded anew", batch,
                            t.toString());
                }
            }
            LOG.debug("retransformed {} already loaded classes", round.size());
        }
    }

    private static List<Class<?>> loaded(Instrumentation instrumentation, Set<String> names, Set<Class<?>> seen) {
        List<Class<?>> found = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (names.contains(type.getName()) && instrumentation.isModifiableClass(type) && seen.add(type)) {
                found.add(type);
            }
        }
        return found;
    }
}
