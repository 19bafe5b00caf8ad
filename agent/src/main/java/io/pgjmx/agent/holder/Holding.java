package io.pgjmx.agent.holder;

/**
 * A physical connection checked out of its pool: by which thread, since when, and (with
 * {@code borrowStacks=true}) from where.
 *
 * @param sinceNanos {@link System#nanoTime()} at the borrow
 * @param borrowStack null unless borrow stacks are kept
 */
public record Holding(Thread thread, long sinceNanos, Throwable borrowStack) {

    public String threadName() {
        return thread.getName();
    }

    @SuppressWarnings("deprecation") // getId: threadId() is JDK 19+, and the agent runs on 17
    public long threadId() {
        return thread.getId();
    }

    public long heldSeconds(long nowNanos) {
        return Math.max(0, (nowNanos - sinceNanos) / 1_000_000_000L);
    }

    /** The holder's stack now: asks the JVM for it (a short pause of that one thread). */
    public String[] currentStack() {
        return frames(thread.getStackTrace());
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
