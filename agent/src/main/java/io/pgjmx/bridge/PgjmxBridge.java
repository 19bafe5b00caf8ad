package io.pgjmx.bridge;

import java.lang.ref.WeakReference;

/**
 * The only class that the code injected into application classes calls (see
 * {@code io.pgjmx.agent.instrument.Hook}): every parameter is an {@code Object} (a {@code Throwable} for
 * what was thrown), so a call site needs no type but the JDK's. It is injected into the bootstrap
 * class loader, so it is visible from every class loader (servlet containers, Spring Boot's nested jars,
 * OSGi-like isolation), and it uses JDK types only.
 *
 * <p>Every method is safe to call from any application thread: it never blocks, never throws, and once a
 * DataSource is known, {@link #dataSourceUsed} is a scan of a tiny array of weak references.
 */
public final class PgjmxBridge {

    /** Implemented by the agent; all slow work happens behind it, off the application's thread. */
    public interface Sink {
        void dataSourceSeen(Object dataSource);

        void dataSourceClosed(Object dataSource);

        /** {@code creator}: the outermost creation under way on the opening thread, null for none. */
        void physicalConnectionOpened(Object connection, Object creator, String url, java.util.Properties info);

        void poolActive(Object poolPart);

        void connectionRefused(Object dataSource, Throwable thrown);
    }

    private static volatile Sink sink;
    @SuppressWarnings("unchecked")
    private static volatile WeakReference<Object>[] known = new WeakReference[0];
    /**
     * What the hooks reported before the agent's sink was installed: premain installs the hooks at once and
     * builds the rest of the agent on its own thread, so a pool the application builds meanwhile is neither
     * missed nor its first connections taken for someone else's. At most {@link #EARLY_LIMIT}, objects held
     * weakly; null once the sink is in.
     */
    private static java.util.List<Object[]> early = new java.util.ArrayList<>();
    private static final int EARLY_LIMIT = 256;
    private static final int USED = 0;
    private static final int CLOSED = 1;
    private static final int OPENED = 2;
    private static final int ACTIVE = 3;
    /** The outermost connection creation under way on each thread: {creator, depth}. */
    private static final ThreadLocal<Object[]> CREATING = new ThreadLocal<>();

    private PgjmxBridge() {
    }

    /** Installs the sink and hands it, in order, what was reported before; false when one is in already. */
    public static boolean install(Sink newSink) {
        java.util.List<Object[]> before;
        synchronized (PgjmxBridge.class) {
            if (sink != null) {
                return false;
            }
            sink = newSink;
            before = early;
            early = null;
        }
        for (Object[] e : before) {
            replay(newSink, e);
        }
        return true;
    }

    /**
     * The agent could not start after its hooks were in: what they report from now on is dropped at once,
     * rather than kept (under a lock, on the application's getConnection) for a sink that never comes.
     */
    public static void giveUp() {
        install(new Ignoring());
    }

    /** The sink of an agent that gave up: a class with a name, for the agent injects the bridge's classes by name. */
    private static final class Ignoring implements Sink {
        @Override
        public void dataSourceSeen(Object dataSource) {
            markKnown(dataSource);
        }

        @Override
        public void dataSourceClosed(Object dataSource) {
        }

        @Override
        public void physicalConnectionOpened(Object connection, Object creator, String url, java.util.Properties info) {
        }

        @Override
        public void poolActive(Object poolPart) {
        }

        @Override
        public void connectionRefused(Object dataSource, Throwable thrown) {
        }
    }

    private static void replay(Sink s, Object[] e) {
        Object o = ((WeakReference<?>) e[1]).get();
        if (o == null) {
            return;
        }
        try {
            switch ((Integer) e[0]) {
                case USED -> s.dataSourceSeen(o);
                case CLOSED -> s.dataSourceClosed(o);
                case OPENED -> s.physicalConnectionOpened(o, ((WeakReference<?>) e[2]).get(), (String) e[3],
                        (java.util.Properties) e[4]);
                default -> s.poolActive(o);
            }
        } catch (Throwable ignored) {
            // one early event less
        }
    }

    /** Before the sink is in: kept for it (a DataSource used again is kept once); false when the sink is in. */
    private static boolean keepEarly(int kind, Object o, Object creator, String url, java.util.Properties info) {
        synchronized (PgjmxBridge.class) {
            if (early == null) {
                return false;
            }
            if (early.size() < EARLY_LIMIT && !(kind == USED && keptAlready(o))) {
                early.add(new Object[] {kind, new WeakReference<>(o), new WeakReference<>(creator), url, info});
            }
            return true;
        }
    }

    private static boolean keptAlready(Object dataSource) {
        for (Object[] e : early) {
            if ((Integer) e[0] == USED && ((WeakReference<?>) e[1]).get() == dataSource) {
                return true;
            }
        }
        return false;
    }

    public static boolean installed() {
        return sink != null;
    }

    /** Hot path: called on every getConnection of an instrumented DataSource. */
    public static void dataSourceUsed(Object dataSource) {
        Sink s = sink;
        if (dataSource == null || s == null && keepEarly(USED, dataSource, null, null, null)) {
            return;
        }
        if (s == null) {
            s = sink;
        }
        WeakReference<Object>[] k = known;
        for (int i = 0; i < k.length; i++) {
            if (k[i].get() == dataSource) {
                return;
            }
        }
        try {
            s.dataSourceSeen(dataSource);
        } catch (Throwable ignored) {
            // the host must never see the agent's failure
        }
    }

    /** Marks an object as handled (registered or deliberately ignored), so the hot path stops calling out. */
    @SuppressWarnings("unchecked")
    public static void markKnown(Object dataSource) {
        synchronized (PgjmxBridge.class) {
            WeakReference<Object>[] old = known;
            int live = 0;
            for (WeakReference<Object> ref : old) {
                Object o = ref.get();
                if (o == dataSource) {
                    return;
                }
                if (o != null) {
                    live++;
                }
            }
            WeakReference<Object>[] next = new WeakReference[live + 1];
            int i = 0;
            for (WeakReference<Object> ref : old) {
                if (ref.get() != null) {
                    next[i++] = ref;
                }
            }
            next[i] = new WeakReference<>(dataSource);
            known = next;
        }
    }

    @SuppressWarnings("unchecked")
    public static void forget(Object dataSource) {
        synchronized (PgjmxBridge.class) {
            WeakReference<Object>[] old = known;
            int live = 0;
            for (WeakReference<Object> ref : old) {
                Object o = ref.get();
                if (o != null && o != dataSource) {
                    live++;
                }
            }
            WeakReference<Object>[] next = new WeakReference[live];
            int i = 0;
            for (WeakReference<Object> ref : old) {
                Object o = ref.get();
                if (o != null && o != dataSource) {
                    next[i++] = ref;
                }
            }
            known = next;
        }
    }

    public static void dataSourceClosed(Object dataSource) {
        Sink s = sink;
        if (dataSource == null || s == null && keepEarly(CLOSED, dataSource, null, null, null)) {
            return;
        }
        if (s == null) {
            s = sink;
        }
        try {
            s.dataSourceClosed(dataSource);
        } catch (Throwable ignored) {
            // never fail the host's close()
        }
    }

    /**
     * A pool's getConnection threw. The agent decides, off this thread, whether it means the pool is
     * exhausted (and then writes an incident snapshot); here the objects are only handed over. Not a hot path:
     * it runs only when getConnection fails.
     */
    public static void connectionRefused(Object dataSource, Throwable thrown) {
        Sink s = sink;
        if (s == null || dataSource == null || thrown == null) {
            return;
        }
        try {
            s.connectionRefused(dataSource, thrown);
        } catch (Throwable ignored) {
            // the application gets its own exception whatever happens here
        }
    }

    /**
     * A creator (a pool's connection factory, the agent's monitoring connection) begins to open a physical
     * connection on this thread. Creations nest; the outermost one owns what is opened inside. Every call is
     * followed by one {@link #exitConnectionCreation}, also when the creation throws: the injected code holds
     * no state of its own, so the depth is counted here. Once per physical connection: not a hot path.
     */
    public static void enterConnectionCreation(Object creator) {
        enter(creator);
    }

    /**
     * A DataSource that opens a physical connection on every call (pgjdbc's, Spring's driver-based ones)
     * counts as found only when it is the outermost creator on the thread: used as a pool's target it belongs
     * to the pool and is never registered on its own. Followed by one {@link #exitConnectionCreation}.
     */
    public static void enterOutermostUse(Object dataSource) {
        if (enter(dataSource)) {
            dataSourceUsed(dataSource);
        }
    }

    /** True when {@code creator} is the outermost creation on the thread. */
    private static boolean enter(Object creator) {
        if (creator == null) {
            return false;
        }
        try {
            Object[] c = CREATING.get();
            if (c != null) {
                c[1] = (Integer) c[1] + 1;
                return false;
            }
            CREATING.set(new Object[] {creator, 0});
            return true;
        } catch (Throwable ignored) {
            return false;
        }
    }

    public static void exitConnectionCreation(Object creator) {
        if (creator == null) {
            return;
        }
        try {
            Object[] c = CREATING.get();
            if (c == null) {
                return;
            }
            int depth = (Integer) c[1];
            if (depth == 0) {
                CREATING.remove();
            } else {
                c[1] = depth - 1;
            }
        } catch (Throwable ignored) {
            // nothing to undo
        }
    }

    /**
     * A pool's own background work ran (e.g. HikariCP's housekeeper). Lets the agent find a pool it attached
     * to late even when the application never calls it; {@code poolPart} is whatever object of the pool the
     * advice has at hand, and the agent works out the DataSource on its own thread. Not a hot path: pools
     * run such tasks every few seconds at most.
     */
    public static void poolActive(Object poolPart) {
        Sink s = sink;
        if (poolPart == null || s == null && keepEarly(ACTIVE, poolPart, null, null, null)) {
            return;
        }
        if (s == null) {
            s = sink;
        }
        try {
            s.poolActive(poolPart);
        } catch (Throwable ignored) {
            // the pool's housekeeping must run whatever happens here
        }
    }

    /**
     * pgjdbc's Driver#connect returned a connection. The URL and properties are those it was called with:
     * they describe a connection opened outside any known pool (DriverManager, direct use).
     */
    public static void physicalConnectionOpened(Object connection, Object url, Object info) {
        if (connection == null) {
            return;
        }
        try {
            Object[] c = CREATING.get();
            Object creator = c == null ? null : c[0];
            String u = url instanceof String text ? text : null;
            java.util.Properties p = info instanceof java.util.Properties props ? props : null;
            Sink s = sink;
            if (s == null && keepEarly(OPENED, connection, creator, u, p)) {
                return;
            }
            (s != null ? s : sink).physicalConnectionOpened(connection, creator, u, p);
        } catch (Throwable ignored) {
            // the connection is the application's; it must get it whatever happens here
        }
    }

    // --- borrowers: which thread has each physical connection checked out ------------------------------

    /**
     * Open addressing by identity hash, copy-on-write: the hot path is a volatile read of the array, one
     * {@code identityHashCode} and usually one {@code refersTo}; no lock, no allocation. A slot is added once
     * per physical connection (under the lock, the array copied); slots whose entry was collected are dropped
     * when the array is rebuilt. Written by hand because a map of the JDK would allocate or lock on every
     * borrow, and the bridge may use JDK types only.
     */
    private static volatile BorrowSlot[] slots = new BorrowSlot[64];
    private static final Object SLOTS_LOCK = new Object();
    private static int slotsUsed;
    private static volatile boolean borrowStacks;
    /**
     * {@link System#nanoTime()} as of the last tick of the agent's clock thread (every
     * {@code io.pgjmx.agent.holder.BorrowClock} period), 0 before the first. A borrow reads this instead of
     * the clock: on virtual machines whose clock source is not the TSC (kvm-clock without vDSO, Xen) one
     * {@code nanoTime()} costs 100 ns and more, several times the rest of the bookkeeping; a held time is
     * reported in whole seconds, so a tenth of a second of resolution loses nothing.
     */
    private static volatile long clockNanos;

    /** The agent's clock thread: the time a borrow records from now on. */
    public static void tick(long nanos) {
        clockNanos = nanos;
    }

    /** {@code borrowStacks=true}: also keep a Throwable at each borrow (as a pool's leak detection does). */
    public static void keepBorrowStacks(boolean keep) {
        borrowStacks = keep;
    }

    /**
     * Hot path: a pool handed the physical connection behind {@code entry} (the pool's own per-connection
     * object) to the calling thread. Thread and time go into the entry's slot.
     */
    public static void borrowed(Object entry) {
        if (entry == null) {
            return;
        }
        try {
            BorrowSlot slot = find(entry);
            if (slot == null) {
                slot = add(entry);
            }
            long now = clockNanos;
            slot.borrowed(Thread.currentThread().getId(), now != 0 ? now : System.nanoTime(),
                    borrowStacks ? new Throwable("connection borrowed here") : null);
        } catch (Throwable ignored) {
            // the application gets its connection whatever happens here
        }
    }

    /** Hot path: the connection behind {@code entry} went back to the pool. */
    public static void returned(Object entry) {
        if (entry == null) {
            return;
        }
        try {
            BorrowSlot slot = find(entry);
            if (slot != null) {
                slot.returned();
            }
        } catch (Throwable ignored) {
            // nothing to undo
        }
    }

    /** Every slot whose entry is still alive, for the agent's threads. */
    public static java.util.List<BorrowSlot> slots() {
        BorrowSlot[] t = slots;
        java.util.List<BorrowSlot> live = new java.util.ArrayList<>();
        for (BorrowSlot s : t) {
            if (s != null && !s.refersTo(null)) {
                live.add(s);
            }
        }
        return live;
    }

    private static BorrowSlot find(Object entry) {
        BorrowSlot[] t = slots;
        int mask = t.length - 1;
        for (int i = System.identityHashCode(entry) & mask; ; i = (i + 1) & mask) {
            BorrowSlot s = t[i];
            if (s == null || s.refersTo(entry)) {
                return s;
            }
        }
    }

    /** Once per physical connection: the array is copied, and rebuilt without dead slots when half full. */
    private static BorrowSlot add(Object entry) {
        synchronized (SLOTS_LOCK) {
            BorrowSlot s = find(entry);
            if (s != null) {
                return s;
            }
            BorrowSlot[] t = slots;
            if ((slotsUsed + 1) * 2 > t.length) {
                int live = 0;
                for (BorrowSlot old : t) {
                    if (old != null && !old.refersTo(null)) {
                        live++;
                    }
                }
                BorrowSlot[] next = new BorrowSlot[Math.max(64, Integer.highestOneBit(Math.max(1, live + 1) * 4))];
                slotsUsed = 0;
                for (BorrowSlot old : t) {
                    Object key = old == null ? null : old.get();
                    if (key != null) {
                        put(next, key, old);
                    }
                }
                t = next;
            } else {
                t = t.clone();
            }
            s = new BorrowSlot(entry);
            put(t, entry, s);
            slots = t;
            return s;
        }
    }

    private static void put(BorrowSlot[] t, Object key, BorrowSlot slot) {
        int mask = t.length - 1;
        int i = System.identityHashCode(key) & mask;
        while (t[i] != null) {
            i = (i + 1) & mask;
        }
        t[i] = slot;
        slotsUsed++;
    }

    // --- the platform MBean server ----------------------------------------------------------------------

    private static volatile java.util.function.Consumer<Object> platformMBeanServer;

    /** The agent's receiver of {@link #platformMBeanServerObtained}: it registers the MBeans it queued. */
    public static void onPlatformMBeanServer(java.util.function.Consumer<Object> receiver) {
        platformMBeanServer = receiver;
    }

    /**
     * For a hook on the return of {@code ManagementFactory#getPlatformMBeanServer}, with the server it returns
     * (an {@code MBeanServer}; Object, for this class uses java.base only). Called on every return: once the
     * agent has seen the server it is a volatile read and a return. Never throws into the caller.
     */
    public static void platformMBeanServerObtained(Object server) {
        java.util.function.Consumer<Object> receiver = platformMBeanServer;
        if (receiver == null || server == null) {
            return;
        }
        try {
            receiver.accept(server);
        } catch (Throwable ignored) {
            // the caller asked for the platform server, and gets it
        }
    }
}
