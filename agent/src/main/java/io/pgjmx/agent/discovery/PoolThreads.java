package io.pgjmx.agent.discovery;

import io.pgjmx.agent.log.Log;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.CommonDataSource;
import org.slf4j.Logger;

/**
 * Finds pools that exist before the advice was in place and that nobody uses now (a late attach, or a pool
 * built while discovery was still being installed), from what the application already holds, each handed to
 * the registry as a pool part or a DataSource:
 * <ul>
 * <li>the tasks scheduled on its threads ({@link ThreadTasks}): a pool's own background work (HikariCP's
 * housekeeper, Tomcat JDBC's cleaner, commons-pool's evictor);
 * <li>the objects behind its registered MBeans ({@link MBeanResources});
 * <li>the singleton DataSources of its running Spring contexts, found through its shutdown hooks
 * ({@link ShutdownHookThreads}, {@link SpringContexts}).
 * </ul>
 * Reads only; never creates a bean, never borrows a connection. Run on the agent's thread.
 */
public final class PoolThreads {

    private static final Logger LOG = Log.get(PoolThreads.class);
    private static final String PACKAGE = "io.pgjmx.agent.discovery.";
    /** Defined in this order: a later one may use an earlier one. */
    private static final List<String> READERS = List.of(PACKAGE + "ThreadTasks", PACKAGE + "ShutdownHookThreads",
            PACKAGE + "MBeanResources");
    private static volatile Readers readers;

    private PoolThreads() {
    }

    /** Hands every object found to {@code poolActive}; returns how many it handed over. */
    public static int scan(Instrumentation instrumentation, Consumer<Object> poolActive) {
        try {
            Readers r = readers(instrumentation);
            Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            List<Object> found = new ArrayList<>(SpringContexts.dataSources(r.shutdownHooks.get()));
            int beans = found.size();
            found.addAll(r.mbeanResources.get());
            int mbeans = found.size() - beans;
            for (Thread thread : liveThreads()) {
                found.addAll(r.threadTasks.apply(thread));
            }
            int tasks = found.size() - beans - mbeans;
            // DataSources first: a pool reached from both sides (its DataSource and its insides: DBCP2's
            // BasicDataSource and GenericObjectPool MBeans, a Spring bean and its cleaner) is registered as the
            // DataSource, and its insides are then the same pool
            found.sort(Comparator.comparing(o -> !(o instanceof CommonDataSource)));
            handOver(found, seen, poolActive);
            LOG.debug("looked for idle pools: {} scheduled tasks, {} MBean resources, {} Spring DataSources", tasks,
                    mbeans, beans);
            return tasks + mbeans + beans;
        } catch (Throwable t) {
            LOG.debug("could not look for idle pools: {}", t.toString());
            return 0;
        }
    }

    private static int handOver(List<Object> found, Set<Object> seen, Consumer<Object> poolActive) {
        int handed = 0;
        for (Object o : found) {
            if (seen.add(o)) {
                poolActive.accept(o);
                handed++;
            }
        }
        return handed;
    }

    private static Thread[] liveThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n;
        while ((n = root.enumerate(threads, true)) == threads.length) {
            threads = new Thread[threads.length * 2];
        }
        return java.util.Arrays.copyOf(threads, n);
    }

    private static Readers readers(Instrumentation instrumentation) throws Exception {
        Readers r = readers;
        if (r == null) {
            Isolated loader = new Isolated();
            List<Object> instances = new ArrayList<>();
            Module module = null;
            for (String name : READERS) {
                Class<?> type = loader.define(name, bytes(name));
                module = type.getModule();
                instances.add(type);
            }
            Set<Module> to = Set.of(module);
            instrumentation.redefineModule(Object.class.getModule(), Set.of(), Map.of(),
                    Map.of("java.lang", to, "java.util", to, "java.util.concurrent", to), Set.of(), Map.of());
            Module management = javax.management.MBeanServer.class.getModule();
            instrumentation.redefineModule(management, Set.of(), Map.of(),
                    Map.of("com.sun.jmx.mbeanserver", to, "com.sun.jmx.interceptor", to), Set.of(), Map.of());
            for (int i = 0; i < instances.size(); i++) {
                instances.set(i, ((Class<?>) instances.get(i)).getConstructor().newInstance());
            }
            r = new Readers(instances);
            readers = r;
        }
        return r;
    }

    private static byte[] bytes(String className) throws IOException {
        String resource = className.replace('.', '/') + ".class";
        try (InputStream in = PoolThreads.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is missing from the agent jar");
            }
            return in.readAllBytes();
        }
    }

    /** The readers, seen through JDK interfaces only (their classes are not the agent loader's). */
    private static final class Readers {
        final Function<Thread, List<Object>> threadTasks;
        final Supplier<List<Object>> shutdownHooks;
        final Supplier<List<Object>> mbeanResources;

        @SuppressWarnings("unchecked")
        Readers(List<Object> instances) {
            threadTasks = (Function<Thread, List<Object>>) instances.get(0);
            shutdownHooks = (Supplier<List<Object>>) instances.get(1);
            mbeanResources = (Supplier<List<Object>>) instances.get(2);
        }
    }

    /** A loader of its own (parent: bootstrap), so that only its module is granted the opened packages. */
    private static final class Isolated extends ClassLoader {
        Isolated() {
            super("pgjmx-thread-tasks", null);
        }

        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
