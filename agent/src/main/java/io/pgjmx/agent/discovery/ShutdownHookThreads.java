package io.pgjmx.agent.discovery;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The application's registered shutdown hooks ({@code java.lang.ApplicationShutdownHooks.hooks}): each hook
 * thread and the Runnable it was given. That is where Spring keeps its running application contexts: Spring
 * Boot's {@code SpringApplicationShutdownHook} (a Runnable holding them all) and the thread
 * {@code AbstractApplicationContext#registerShutdownHook} makes (an inner class of the context).
 *
 * <p>Like {@link ThreadTasks}: defined by {@link PoolThreads} in a loader of its own, to whose module alone
 * {@code java.lang} is opened; JDK types only. The class's lock is held by the JDK only to add or remove a
 * hook, never while one runs.
 */
public final class ShutdownHookThreads implements Supplier<List<Object>> {

    @Override
    public List<Object> get() {
        List<Object> hooks = new ArrayList<>();
        try {
            Class<?> type = Class.forName("java.lang.ApplicationShutdownHooks");
            Field f = type.getDeclaredField("hooks");
            f.setAccessible(true);
            List<Thread> threads = new ArrayList<>();
            synchronized (type) {
                if (f.get(null) instanceof Map<?, ?> map) {
                    for (Object hook : map.keySet()) {
                        threads.add((Thread) hook);
                    }
                }
            }
            for (Thread thread : threads) {
                hooks.add(thread);
                Object task = ThreadTasks.runnable(thread);
                if (task != null) {
                    hooks.add(task);
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // a JDK laid out otherwise, or the JVM is shutting down (hooks is null then)
        }
        return hooks;
    }
}
