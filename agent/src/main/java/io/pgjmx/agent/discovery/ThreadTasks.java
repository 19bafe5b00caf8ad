package io.pgjmx.agent.discovery;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Function;

/**
 * The tasks a thread runs on schedule: those queued in the {@link ScheduledThreadPoolExecutor} it works for,
 * or in the {@link java.util.Timer} it is. That is where a pool keeps its housekeeping (HikariCP's
 * housekeeper, Tomcat JDBC's cleaner, commons-pool's evictor), which leads to a pool that nobody uses.
 *
 * <p>Reads private fields of {@code java.base}, so {@link PoolThreads} defines this class in a class loader of
 * its own and opens those packages to that loader's module alone; it uses JDK types only and must not be
 * loaded by the agent's own loader. Nothing here waits: copies of queues only.
 */
public final class ThreadTasks implements Function<Thread, List<Object>> {

    @Override
    public List<Object> apply(Thread thread) {
        List<Object> tasks = new ArrayList<>();
        try {
            if (thread.getClass().getName().equals("java.util.TimerThread")) {
                Object queue = field(thread, thread.getClass(), "queue");
                if (queue != null) {
                    // the Timer holds this lock only to add or take a task, never while one runs
                    synchronized (queue) {
                        for (Object task : (Object[]) field(queue, queue.getClass(), "queue")) {
                            if (task != null) {
                                tasks.add(task);
                            }
                        }
                    }
                }
                return tasks;
            }
            Object worker = runnable(thread);
            if (worker == null || !worker.getClass().getName().equals("java.util.concurrent.ThreadPoolExecutor$Worker")) {
                return tasks;
            }
            if (field(worker, worker.getClass(), "this$0") instanceof ScheduledThreadPoolExecutor executor) {
                for (Runnable r : executor.getQueue().toArray(new Runnable[0])) {
                    tasks.add(unwrapped(r));
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // a JDK laid out otherwise: this thread tells nothing
        }
        return tasks;
    }

    /** JDK 17 keeps a thread's Runnable in Thread.target, JDK 19+ in Thread.holder.task. */
    static Object runnable(Thread thread) throws ReflectiveOperationException {
        try {
            return field(thread, Thread.class, "target");
        } catch (NoSuchFieldException e) {
            Object holder = field(thread, Thread.class, "holder");
            return holder == null ? null : field(holder, holder.getClass(), "task");
        }
    }

    /** schedule*(Runnable) wraps the task in a FutureTask over Executors.RunnableAdapter. */
    private static Object unwrapped(Runnable r) throws ReflectiveOperationException {
        if (!(r instanceof FutureTask)) {
            return r;
        }
        Object callable = field(r, FutureTask.class, "callable");
        if (callable != null && callable.getClass().getName().equals("java.util.concurrent.Executors$RunnableAdapter")) {
            return field(callable, callable.getClass(), "task");
        }
        return callable;
    }

    static Object field(Object target, Class<?> declaring, String name) throws ReflectiveOperationException {
        Field f = declaring.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(target);
    }
}
