package io.pgjmx.agent.discovery;

import io.pgjmx.agent.log.Log;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * Finds pools that exist before the advice was in place and that nobody uses now (a late attach, or a pool
 * built while discovery was still being installed): from the tasks scheduled on the application's threads
 * (see {@link ThreadTasks}), each handed to the registry as the pool's own background work. Reads only what
 * the application already holds; never borrows a connection. Run on the agent's thread.
 */
public final class PoolThreads {

    private static final Logger LOG = Log.get(PoolThreads.class);
    private static final String READER = "io.pgjmx.agent.discovery.ThreadTasks";
    private static volatile Function<Thread, List<Object>> reader;

    private PoolThreads() {
    }

    /** Hands every task scheduled on a live thread to {@code poolActive}; returns how many it handed over. */
    public static int scan(Instrumentation instrumentation, Consumer<Object> poolActive) {
        try {
            Function<Thread, List<Object>> tasks = reader(instrumentation);
            Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            int handed = 0;
            for (Thread thread : liveThreads()) {
                for (Object task : tasks.apply(thread)) {
                    if (seen.add(task)) {
                        poolActive.accept(task);
                        handed++;
                    }
                }
            }
            LOG.debug("looked for idle pools: {} scheduled tasks", handed);
            return handed;
        } catch (Throwable t) {
            LOG.debug("could not look for idle pools: {}", t.toString());
            return 0;
        }
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

    @SuppressWarnings("unchecked")
    private static Function<Thread, List<Object>> reader(Instrumentation instrumentation) throws Exception {
        Function<Thread, List<Object>> r = reader;
        if (r == null) {
            Isolated loader = new Isolated();
            Class<?> type = loader.define(READER, bytes());
            Module module = type.getModule();
            Set<Module> to = Set.of(module);
            instrumentation.redefineModule(Object.class.getModule(), Set.of(), Map.of(),
                    Map.of("java.lang", to, "java.util", to, "java.util.concurrent", to), Set.of(), Map.of());
            r = (Function<Thread, List<Object>>) type.getConstructor().newInstance();
            reader = r;
        }
        return r;
    }

    private static byte[] bytes() throws IOException {
        String resource = READER.replace('.', '/') + ".class";
        try (InputStream in = PoolThreads.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is missing from the agent jar");
            }
            return in.readAllBytes();
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
