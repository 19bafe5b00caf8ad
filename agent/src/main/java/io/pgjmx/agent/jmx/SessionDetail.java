package io.pgjmx.agent.jmx;

import io.pgjmx.agent.session.Session;
import javax.management.ConstructorParameters;

/**
 * {@code sessionDetail(pid)}: one session with the Java side of it, as CompositeData for tools (the item
 * names are the contract's). Without a holder in this JVM the thread fields are null, -1 and empty.
 */
public final class SessionDetail {

    private final Session session;
    private final String holderThread;
    private final String holderThreadState;
    private final long heldSeconds;
    private final String[] currentStack;
    private final String[] borrowStack;
    private final int[] blocking;
    private final int[] blockedBy;

    @ConstructorParameters({"session", "holderThread", "holderThreadState", "heldSeconds", "currentStack",
            "borrowStack", "blocking", "blockedBy"})
    public SessionDetail(Session session, String holderThread, String holderThreadState, long heldSeconds,
            String[] currentStack, String[] borrowStack, int[] blocking, int[] blockedBy) {
        this.session = session;
        this.holderThread = holderThread;
        this.holderThreadState = holderThreadState;
        this.heldSeconds = heldSeconds;
        this.currentStack = currentStack;
        this.borrowStack = borrowStack;
        this.blocking = blocking;
        this.blockedBy = blockedBy;
    }

    public Session getSession() {
        return session;
    }

    /** Name of the thread that has the connection checked out; null when none in this JVM. */
    public String getHolderThread() {
        return holderThread;
    }

    /** {@link Thread.State} of that thread, e.g. TIMED_WAITING; null when none. */
    public String getHolderThreadState() {
        return holderThreadState;
    }

    public long getHeldSeconds() {
        return heldSeconds;
    }

    /** The holder's stack at the time of the call, innermost frame first; empty when none. */
    public String[] getCurrentStack() {
        return currentStack.clone();
    }

    /** Where the connection was borrowed (borrowStacks=true); null when not kept. */
    public String[] getBorrowStack() {
        return borrowStack == null ? null : borrowStack.clone();
    }

    /** Sessions waiting on this one directly. */
    public int[] getBlocking() {
        return blocking.clone();
    }

    /** Sessions this one waits on (pg_blocking_pids). */
    public int[] getBlockedBy() {
        return blockedBy.clone();
    }
}
