package io.pgjmx.bridge;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;

/**
 * The agent's slot for one physical connection of a pool: which thread has it checked out and since when.
 * The referent is the pool's own per-connection object (HikariCP's PoolEntry, DBCP's PooledObject, Tomcat's
 * PooledConnection, a raw pgjdbc connection opened outside a pool); it is held weakly, so a connection the pool
 * drops takes its slot with it. Lives in the bootstrap loader with {@link PgjmxBridge}; JDK types only.
 *
 * <p>The borrowing thread writes plain fields and publishes the holder last with release semantics (free on
 * x86 and cheap elsewhere), so a reader that sees the holder also sees its time and stack. Readers are the
 * agent's threads, which tolerate a value a moment old. The holder is kept as its thread id, not the Thread:
 * storing a reference into a long-lived object costs the collector's write barrier (with G1 a fence on every
 * borrow), a long costs a plain store; and a slot never keeps a dead thread reachable.
 */
public final class BorrowSlot extends WeakReference<Object> {

    private static final VarHandle HOLDER;

    static {
        try {
            HOLDER = MethodHandles.lookup().findVarHandle(BorrowSlot.class, "holderId", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through HOLDER
    private long holderId;
    private long sinceNanos;
    private Throwable borrowStack;

    /** Filled in by the agent on its own thread, the first time it reads the slot. */
    private volatile int pid;
    private volatile WeakReference<Object> connection;

    BorrowSlot(Object entry) {
        super(entry);
    }

    void borrowed(long threadId, long nanos, Throwable stack) {
        sinceNanos = nanos;
        if (stack != null || borrowStack != null) {
            borrowStack = stack;
        }
        HOLDER.setRelease(this, threadId);
    }

    void returned() {
        HOLDER.setRelease(this, 0L);
        if (borrowStack != null) {
            borrowStack = null;
        }
    }

    /** The id of the thread that has the connection checked out; 0 while it sits in the pool. */
    public long holderId() {
        return (long) HOLDER.getAcquire(this);
    }

    /** {@link System#nanoTime()} at the borrow; meaningful only while {@link #holderId()} is not 0. */
    public long sinceNanos() {
        return sinceNanos;
    }

    /** Where the connection was borrowed, when {@code borrowStacks=true}; null otherwise. */
    public Throwable borrowStack() {
        return borrowStack;
    }

    /** The backend pid once the agent resolved it; 0 before. */
    public int pid() {
        return pid;
    }

    /** The pgjdbc connection the agent resolved this slot to; null before, or once it was collected. */
    public Object connection() {
        WeakReference<Object> c = connection;
        return c == null ? null : c.get();
    }

    public void resolved(Object pgConnection, int backendPid) {
        connection = new WeakReference<>(pgConnection);
        pid = backendPid;
    }
}
