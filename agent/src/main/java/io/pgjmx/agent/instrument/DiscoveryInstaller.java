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
 * as one {@link Weaver} behind a {@link HookGate}. After a late attach the classes are already loaded: only
 * those named in the table are even looked at, and they are retransformed in batches of 20, so the app's threads meet at most a short
 * safepoint for the few classes that change.
 */
public final class DiscoveryInstaller {

    private static final Logger LOG = Log.get(DiscoveryInstaller.class);
    private static final int BATCH = 20;
    /** The class whose file the weaver is warmed up on; never loaded. */
    public static final String WARM_UP_SAMPLE = "io.pgjmx.agent.instrument.WarmUpSample";

    private DiscoveryInstaller() {
    }

    /**
     * Builds the weaver now, unless a hooked class came first and did: premain's start thread does this before
     * anything else, for the application's first pool class waits for it.
     */
    public static void prepare(HookGate gate) throws Exception {
        gate.weaver();
    }

    /**
     * Builds the weaver if no hooked class has yet, and retransforms the hooked classes that were loaded before
     * the gate was in (after a late attach, all of them) or while the weaver was being built.
     */
    public static void complete(Instrumentation instrumentation, HookGate gate) throws Exception {
        retransformLoaded(instrumentation, gate.classNames(), gate);
        LOG.debug("discovery installed");
    }

    /**
     * The classes with those names that were loaded before the transformer was in place. Looks again after
     * each round until no new class turns up, which catches a class whose loading was under way meanwhile.
     */
    private static void retransformLoaded(Instrumentation instrumentation, Set<String> names, HookGate gate) {
        Set<Class<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (List<Class<?>> round = loaded(instrumentation, names, seen, gate); !round.isEmpty();
                round = loaded(instrumentation, names, seen, gate)) {
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

    private static List<Class<?>> loaded(Instrumentation instrumentation, Set<String> names, Set<Class<?>> seen,
            HookGate gate) {
        List<Class<?>> found = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (names.contains(type.getName()) && instrumentation.isModifiableClass(type) && !gate.wovenAtLoad(type)
                    && seen.add(type)) {
                found.add(type);
            }
        }
        return found;
    }
}
