package io.pgjmx.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;

import io.pgjmx.agent.log.Log;
import java.lang.instrument.Instrumentation;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.utility.JavaModule;
import org.slf4j.Logger;

/**
 * Installs the advice of every supported library, each a {@link LibraryInstrumentation} of a {@link PoolFamily}. Types are matched
 * by exact name only, so the cost for each class the JVM loads is one hash lookup; nothing resolves a type
 * hierarchy. Advice is inlined without
 * changing the class format, which is what makes retransformation after a late attach possible.
 *
 * <p>After a late attach the classes are already loaded: they are retransformed in batches of 20, and only
 * the classes named here are even looked at ({@link LoadedByName}), so the app's threads meet at most a
 * short safepoint for the few classes that change.
 */
public final class DiscoveryInstaller {

    private static final Logger LOG = Log.get(DiscoveryInstaller.class);

    private DiscoveryInstaller() {
    }

    /** {@code libraries}: one per library (every family's, from PoolFamilies); each family may add borrow points to a class it already advises (Byte Buddy applies every match). */
    public static void install(Instrumentation instrumentation, List<LibraryInstrumentation> libraries) {
        // The agent needs no Nexus (no type initializers are injected). Turning it off keeps Byte Buddy from
        // probing sun.misc.Unsafe, which JDK 24+ reports on the host's console. The shade relocates this
        // property name with Byte Buddy, so the application's own Byte Buddy never sees it.
        System.setProperty("net.bytebuddy.nexus.disabled", "true");
        Set<String> names = typeNames(libraries);
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.RedefinitionStrategy.BatchAllocator.ForFixedSize.ofSize(20))
                .with(new LoadedByName(names))
                .with(new RetransformationListener())
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_FIRST)
                .with(new FailureListener())
                // one hash lookup turns away every other class before any library's matchers are asked
                .ignore(not(namedOneOf(names.toArray(new String[0]))));
        for (LibraryInstrumentation library : libraries) {
            builder = library.apply(builder);
        }
        builder.installOn(instrumentation);
        LOG.debug("discovery installed");
    }

    /** Every instrumented class name, of all libraries. */
    static Set<String> typeNames(List<LibraryInstrumentation> libraries) {
        Set<String> names = new HashSet<>();
        for (LibraryInstrumentation library : libraries) {
            names.addAll(library.typeNames());
        }
        return Set.copyOf(names);
    }

    /** Retransformation after a late attach: a batch that fails is logged and not retried. */
    private static final class RetransformationListener implements AgentBuilder.RedefinitionStrategy.Listener {
        @Override
        public void onBatch(int index, List<Class<?>> batch, List<Class<?>> types) {
            LOG.debug("retransforming {}", batch);
        }

        @Override
        public Iterable<? extends List<Class<?>>> onError(int index, List<Class<?>> batch, Throwable throwable,
                List<Class<?>> types) {
            LOG.warn("could not retransform {}: {}; those classes are found only once loaded anew", batch,
                    throwable.toString());
            return List.of();
        }

        @Override
        public void onComplete(int amount, List<Class<?>> types, Map<List<Class<?>>, Throwable> failures) {
            if (amount > 0) {
                LOG.debug("retransformed {} already loaded classes in {} batch(es), {} failed", types.size(), amount,
                        failures.size());
            }
        }
    }

    /** Byte Buddy reports problems here; they are logged, never thrown at the host. */
    private static final class FailureListener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                Throwable throwable) {
            LOG.warn("could not instrument {}: {}", typeName, throwable.toString());
        }

        @Override
        public void onTransformation(TypeDescription typeDescription, ClassLoader classLoader, JavaModule module,
                boolean loaded, DynamicType dynamicType) {
            LOG.debug("instrumented {}{}", typeDescription.getName(), loaded ? " (retransformed)" : "");
        }
    }
}
