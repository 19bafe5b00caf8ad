package io.pgjmx.agent.instrument;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Which already loaded classes to retransform after a late attach: only those with one of the instrumented
 * names. Byte Buddy's own strategies hand it every loaded class, and it then describes each one (reading
 * and parsing its class file) before matching; in an application with tens of thousands of classes that is
 * seconds of CPU for nothing. A name is compared with one hash lookup.
 *
 * <p>Like {@code Reiterating}, it looks again after each round until no new class turns up, which catches a
 * class whose loading was under way while the transformer was being registered.
 */
final class LoadedByName implements AgentBuilder.RedefinitionStrategy.DiscoveryStrategy {

    private final Set<String> names;

    LoadedByName(Set<String> names) {
        this.names = names;
    }

    @Override
    public Iterable<Iterable<Class<?>>> resolve(Instrumentation instrumentation) {
        return () -> new Rounds(instrumentation);
    }

    private final class Rounds implements Iterator<Iterable<Class<?>>> {
        private final Instrumentation instrumentation;
        private final Set<Class<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        private List<Class<?>> next;

        Rounds(Instrumentation instrumentation) {
            this.instrumentation = instrumentation;
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                next = new ArrayList<>();
                for (Class<?> type : instrumentation.getAllLoadedClasses()) {
                    if (names.contains(type.getName()) && seen.add(type)) {
                        next.add(type);
                    }
                }
            }
            return !next.isEmpty();
        }

        @Override
        public Iterable<Class<?>> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            List<Class<?>> round = next;
            next = null;
            return round;
        }
    }
}
