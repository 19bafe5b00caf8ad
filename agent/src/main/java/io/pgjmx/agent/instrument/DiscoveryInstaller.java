package io.pgjmx.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.pgjmx.agent.log.Log;
import java.lang.instrument.Instrumentation;
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
 */
public final class DiscoveryInstaller {

    private static final Logger LOG = Log.get(DiscoveryInstaller.class);

    private DiscoveryInstaller() {
    }

    public static void install(Instrumentation instrumentation) {
        new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.RedefinitionStrategy.BatchAllocator.ForFixedSize.ofSize(20))
                .with(AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.Reiterating.INSTANCE)
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_FIRST)
                .with(new FailureListener())
                .ignore(nameStartsWith("java.").or(nameStartsWith("jdk.")).or(nameStartsWith("sun."))
                        .or(nameStartsWith("io.pgjmx.")))
                // HikariCP
                .type(named("com.zaxxer.hikari.HikariDataSource"))
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(DiscoveryInstaller.class.getClassLoader())
                        .advice(named("getConnection").and(takesArguments(0)), HikariAdvice.GetConnection.class.getName())
                        .advice(named("close").and(takesArguments(0)), HikariAdvice.Close.class.getName()))
                .type(named("com.zaxxer.hikari.pool.HikariPool"))
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(DiscoveryInstaller.class.getClassLoader())
                        .advice(isConstructor().and(takesArguments(1)), HikariAdvice.PoolCreated.class.getName()))
                .type(named("com.zaxxer.hikari.pool.PoolBase"))
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(DiscoveryInstaller.class.getClassLoader())
                        .advice(named("newConnection"), HikariAdvice.NewConnection.class.getName()))
                // pgjdbc: the driver and its own DataSources
                .type(named("org.postgresql.Driver"))
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(DiscoveryInstaller.class.getClassLoader())
                        .advice(named("connect").and(takesArguments(2)).and(takesArgument(0, String.class)),
                                PgJdbcAdvice.Connect.class.getName()))
                .type(named("org.postgresql.ds.common.BaseDataSource"))
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(DiscoveryInstaller.class.getClassLoader())
                        .advice(named("getConnection").and(takesArguments(2)),
                                PgJdbcAdvice.DataSourceGetConnection.class.getName()))
                .installOn(instrumentation);
        LOG.debug("discovery installed");
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
