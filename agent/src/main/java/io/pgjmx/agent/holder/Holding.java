package io.pgjmx.agent.holder;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;

/**
 * A physical connection checked out of its pool: by which thread, since when, and (with
 * {@code borrowStacks=true}) from where.
 *
 * @param threadName the thread's name, or {@code thread-ID (ended)} when it ended without giving the
 *        connection back (a leak)
 * @param sinceNanos {@link System#nanoTime()} at the borrow (the agent's clock tick before it)
 * @param borrowStack null unless borrow stacks are kept
 */
public record Holding(long threadId, String threadName, long sinceNanos, Throwable borrowStack) {

    public long heldSeconds(long nowNanos) {
        return Math.max(0, (nowNanos - sinceNanos) / 1_000_000_000L);
    }

    /** The holder's state and stack now (the JVM pauses that one thread for it); null when it has ended. */
    public ThreadInfo now() {
        return ManagementFactory.getThreadMXBean().getThreadInfo(threadId, Integer.MAX_VALUE);
    }

    public String[] borrowFrames() {
        return borrowStack == null ? null : frames(borrowStack.getStackTrace());
    }

    /**
     * Frames as jstack and a thread dump show them ({@code pkg.Class.method(File.java:12)}), without the class
     * loader and module prefix that {@link StackTraceElement#toString()} adds ({@code app//}).
     */
    public static String[] frames(StackTraceElement[] stack) {
        String[] frames = new String[stack.length];
        for (int i = 0; i < stack.length; i++) {
            StackTraceElement e = stack[i];
            String where = e.isNativeMethod() ? "Native Method"
                    : e.getFileName() == null ? "Unknown Source"
                    : e.getLineNumber() >= 0 ? e.getFileName() + ":" + e.getLineNumber() : e.getFileName();
            frames[i] = e.getClassName() + "." + e.getMethodName() + "(" + where + ")";
        }
        return frames;
    }
}
