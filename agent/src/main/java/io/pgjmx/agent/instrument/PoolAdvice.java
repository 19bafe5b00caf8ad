package io.pgjmx.agent.instrument;

import io.pgjmx.bridge.PgjmxBridge;
import net.bytebuddy.asm.Advice;

/**
 * Advice shared by the pool families. Inlined into the pools' classes: JDK types and the bridge only. Each
 * piece only hands an object over; the agent reads it later on its own thread.
 */
public final class PoolAdvice {

    private PoolAdvice() {
    }

    /** A pool's getConnection or start: also on failure, so a pool exhausted before a late attach is found. */
    public static final class Used {
        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.This Object dataSource) {
            PgjmxBridge.dataSourceUsed(dataSource);
        }
    }

    /** A pool's close: unregistered at once instead of at the next sweep. */
    public static final class Closed {
        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.This Object dataSource) {
            PgjmxBridge.dataSourceClosed(dataSource);
        }
    }

    /** The method inside which a pool opens a physical connection: the backends opened within are its own. */
    public static final class CreatesConnections {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter(@Advice.This Object creator) {
            return PgjmxBridge.enterConnectionCreation(creator);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.This Object creator, @Advice.Enter boolean outermost) {
            PgjmxBridge.exitConnectionCreation(creator, outermost);
        }
    }

    /**
     * A DataSource that opens a physical connection on every call (pgjdbc's, Spring's driver-based ones). It
     * counts as found only when it is the outermost creator on the thread: used as a pool's target it belongs
     * to the pool and is never registered on its own.
     */
    public static final class OutermostUse {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter(@Advice.This Object dataSource) {
            boolean outermost = PgjmxBridge.enterConnectionCreation(dataSource);
            if (outermost) {
                PgjmxBridge.dataSourceUsed(dataSource);
            }
            return outermost;
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.This Object dataSource, @Advice.Enter boolean outermost) {
            PgjmxBridge.exitConnectionCreation(dataSource, outermost);
        }
    }
}
