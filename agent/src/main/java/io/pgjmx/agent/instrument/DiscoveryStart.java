package io.pgjmx.agent.instrument;

import io.pgjmx.agent.log.Log;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import org.slf4j.Logger;

/**
 * Discovery from {@code premain} without Byte Buddy on the application's thread: premain registers this plain
 * transformer and starts {@link DiscoveryInstaller} on a daemon thread of its own, so Byte Buddy loads while
 * the JVM and the application start. The transformer compares the name of each class being loaded with the
 * few that carry advice (one hash lookup, nothing loaded, nothing changed). Only when one of them loads before
 * the installation is done does that thread wait for it (at most {@value #WAIT_SECONDS} s), and the class
 * then gets its advice from Byte Buddy's transformer through this one: a pool is never built without advice,
 * so discovery at start misses nothing, as before.
 *
 * <p>Whatever fails in the background is logged and swallowed: the host runs on without discovery.
 */
public final class DiscoveryStart implements ClassFileTransformer {

    private static final Logger LOG = Log.get(DiscoveryStart.class);
    private static final long WAIT_SECONDS = 10;

    /**
     * Every class some library's advice goes into, in the JVM's internal form. Written out rather than asked
     * of {@link DiscoveryInstaller}, whose instrumentations link against Byte Buddy; DiscoveryStartTest keeps
     * the two equal.
     */
    static final Set<String> WATCHED = Set.of(
            "com/zaxxer/hikari/HikariDataSource", "com/zaxxer/hikari/pool/HikariPool",
            "com/zaxxer/hikari/pool/HikariPool$HouseKeeper", "com/zaxxer/hikari/pool/PoolBase",
            "org/postgresql/Driver", "org/postgresql/ds/common/BaseDataSource", "org/postgresql/ds/PGPoolingDataSource",
            "org/apache/commons/dbcp2/BasicDataSource", "org/apache/commons/dbcp2/PoolableConnectionFactory",
            "org/apache/tomcat/dbcp/dbcp2/BasicDataSource", "org/apache/tomcat/dbcp/dbcp2/PoolableConnectionFactory",
            "org/apache/tomcat/jdbc/pool/DataSourceProxy", "org/apache/tomcat/jdbc/pool/PooledConnection",
            "com/mchange/v2/c3p0/impl/AbstractPoolBackedDataSource", "com/mchange/v2/c3p0/WrapperConnectionPoolDataSource",
            "io/agroal/pool/DataSource", "io/agroal/pool/ConnectionFactory",
            "org/vibur/dbcp/ViburDBCPDataSource", "org/vibur/dbcp/pool/ConnectionFactory",
            "org/springframework/jdbc/datasource/AbstractDriverBasedDataSource");

    private final Instrumentation instrumentation;
    private final CountDownLatch installed = new CountDownLatch(1);
    /**
     * Set just before Byte Buddy's transformer is registered. A load that finds it unset began before, so the
     * JVM will not ask Byte Buddy's transformer about that class: this one hands it over instead.
     */
    private volatile boolean registering;
    private volatile ClassFileTransformer byteBuddy;

    private DiscoveryStart(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    /** Registers the watch and starts the installation in the background. */
    public static void start(Instrumentation instrumentation, Supplier<List<LibraryInstrumentation>> libraries) {
        DiscoveryStart watch = new DiscoveryStart(instrumentation);
        instrumentation.addTransformer(watch, false);
        Thread installer = new Thread(() -> watch.install(libraries), "pgjmx-discovery");
        installer.setDaemon(true);
        try {
            installer.start();
        } catch (Throwable t) {
            // out of threads: the rest of the agent runs on, without discovery
            instrumentation.removeTransformer(watch);
            LOG.warn("discovery not started, pgjmx finds no DataSource; the application runs on: {}", t.toString());
        }
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (classBeingRedefined != null || className == null || registering || !WATCHED.contains(className)) {
            return null; // never changes a class itself
        }
        try {
            // once Byte Buddy's transformer is registered only its retransformation is left: waiting on is
            // shorter than the risk of that pass having looked before this class was there
            if (!installed.await(WAIT_SECONDS, TimeUnit.SECONDS)
                    && !(registering && installed.await(WAIT_SECONDS, TimeUnit.SECONDS))) {
                LOG.warn("{} loaded before discovery was installed ({} s); it is advised when the installation "
                        + "retransforms the classes loaded meanwhile", className.replace('/', '.'), WAIT_SECONDS);
                return null;
            }
            ClassFileTransformer advice = byteBuddy;
            return advice == null ? null : advice.transform(loader, className, null, protectionDomain, classfileBuffer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Throwable t) {
            LOG.warn("could not instrument {}: {}", className.replace('/', '.'), t.toString());
            return null;
        }
    }

    private void install(Supplier<List<LibraryInstrumentation>> libraries) {
        try {
            byteBuddy = DiscoveryInstaller.install(instrumentation, libraries.get(), new AgentBuilder.InstallationListener.Adapter() {
                @Override
                public void onBeforeInstall(Instrumentation instrumentation, ResettableClassFileTransformer transformer) {
                    registering = true;
                }
            });
        } catch (Throwable t) {
            LOG.warn("discovery could not be installed; pgjmx finds no DataSource, the application runs on: {}",
                    t.toString());
        } finally {
            registering = true;
            installed.countDown();
            instrumentation.removeTransformer(this);
        }
    }
}
