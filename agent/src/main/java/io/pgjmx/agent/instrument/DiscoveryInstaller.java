package io.pgjmx.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.pgjmx.agent.log.Log;
import java.lang.instrument.Instrumentation;
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
 * Installs the advice of every supported library. Types are matched by exact name only, so the cost for
 * each class the JVM loads is one hash lookup; nothing resolves a type hierarchy. Advice is inlined without
 * changing the class format, which is what makes retransformation after a late attach possible.
 *
 * <p>After a late attach the classes are already loaded: they are retransformed in batches of 20, and only
 * the classes named here are even looked at ({@link LoadedByName}), so the app's threads meet at most a
 * short safepoint for the few classes that change.
 */
public final class DiscoveryInstaller {

    private static final Logger LOG = Log.get(DiscoveryInstaller.class);

    static final String HIKARI_DATA_SOURCE = "com.zaxxer.hikari.HikariDataSource";
    static final String HIKARI_POOL = "com.zaxxer.hikari.pool.HikariPool";
    static final String HIKARI_HOUSE_KEEPER = "com.zaxxer.hikari.pool.HikariPool$HouseKeeper";
    static final String HIKARI_POOL_BASE = "com.zaxxer.hikari.pool.PoolBase";
    static final String PG_DRIVER = "org.postgresql.Driver";
    static final String PG_BASE_DATA_SOURCE = "org.postgresql.ds.common.BaseDataSource";
    private static final Set<String> INSTRUMENTED = Set.of(HIKARI_DATA_SOURCE, HIKARI_POOL, HIKARI_HOUSE_KEEPER,
            HIKARI_POOL_BASE, PG_DRIVER, PG_BASE_DATA_SOURCE);

    private DiscoveryInstaller() {
    }

    public static void install(Instrumentation instrumentation) {
        // The agent needs no Nexus (no type initializers are injected). Turning it off keeps Byte Buddy from
        // probing sun.misc.Unsafe, which JDK 24+ reports on the host's console. The shade relocates this
        // property name with Byte Buddy, so the application's own Byte Buddy never sees it.
        System.setProperty("net.bytebuddy.nexus.disabled", "true");
        new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.RedefinitionStrategy.BatchAllocator.ForFixedSize.ofSize(20))
                .with(new LoadedByName(INSTRUMENTED))
                .with(new RetransformationListener())
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_FIRST)
                .with(new FailureListener())
                .ignore(nameStartsWith("java.").or(nameStartsWith("jdk.")).or(nameStartsWith("sun."))
                        .or(nameStartsWith("io.pgjmx.")))
                // HikariCP
                .type(named(HIKARI_DATA_SOURCE))
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(DiscoveryInstaller.class.getClassLoader())
                        .advice(named("getConnection").and(takesArguments(0)), HikariAdvice.GetConnection.class.getName())
                        .advice(named("close").and(takesArguments(0)), HikariAdvice.Close.class.getName()))
                .type(named(HIKARI_POOL))
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(DiscoveryInstaller.class.getClassLoader())
                        .advice(isConstructor().and(takesArguments(1)), HikariAdvice.PoolCreated.class.getName()))
                .type(named(HIKARI_HOUSE_KEEPER))
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(DiscoveryInstaller.class.getClassLoader())
                        .advice(named("run").and(takesArguments(0)), HikariAdvice.HouseKeeping.class.getName()))
                .type(named(HIKARI_POOL_BASE))
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(DiscoveryInstaller.class.getClassLoader())
                        .advice(named("newConnection"), HikariAdvice.NewConnection.class.getName()))
                // pgjdbc: the driver and its own DataSources
                .type(named(PG_DRIVER))
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(DiscoveryInstaller.class.getClassLoader())
                        .advice(named("connect").and(takesArguments(2)).and(takesArgument(0, String.class)),
                                PgJdbcAdvice.Connect.class.getName()))
                .type(named(PG_BASE_DATA_SOURCE))
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(DiscoveryInstaller.class.getClassLoader())
                        .advice(named("getConnection").and(takesArguments(2)),
                                PgJdbcAdvice.DataSourceGetConnection.class.getName()))
                .installOn(instrumentation);
        LOG.debug("discovery installed");
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
