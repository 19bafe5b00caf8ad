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

    static String[] frames(StackTraceElement[] stack) {
        String[] frames = new String[stack.length];
        for (int i = 0; i < stack.length; i++) {
            frames[i] = stack[i].toString();
        }
        return frames;
    }
}
