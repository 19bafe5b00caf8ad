package io.pgjmx.agent.instrument;

import io.pgjmx.bridge.PgjmxBridge;
import net.bytebuddy.asm.Advice;

/**
 * Borrow and return of one physical connection, inlined into the pools' own classes: JDK types and the
 * bridge only. Each piece hands the pool's per-connection object (its "entry") to the bridge, which writes
 * the thread and the time into that entry's slot; the pool families differ only in where the entry is.
 * A borrow is recorded on success only; a return before the method runs, so a return that fails half-way
 * still clears the holder.
 */
final class BorrowAdvice {

    private BorrowAdvice() {
    }

    /** The method's object is the entry, borrowed once it returns (HikariCP's PoolEntry#createProxyConnection). */
    static final class ThisBorrowed {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object entry) {
            PgjmxBridge.borrowed(entry);
        }
    }

    /** The method's object is the entry, going back (HikariCP's PoolEntry#recycle). */
    static final class ThisReturned {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object entry) {
            PgjmxBridge.returned(entry);
        }
    }

    /** The first argument is the entry, handed out once the method returns (DBCP's activateObject, ...). */
    static final class ArgumentBorrowed {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object entry) {
            PgjmxBridge.borrowed(entry);
        }
    }

    /** The first argument is the entry, going back (DBCP's passivateObject, Tomcat's returnConnection, ...). */
    static final class ArgumentReturned {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Object entry) {
            PgjmxBridge.returned(entry);
        }
    }

    /** The method returns the entry it hands out (c3p0's checkoutPooledConnection, Vibur's getConnHolder). */
    static final class ResultBorrowed {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return Object entry) {
            PgjmxBridge.borrowed(entry);
        }
    }

    /** The second argument is the entry, handed out once the method returns (Agroal's afterAcquire). */
    static final class SecondArgumentBorrowed {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(1) Object entry) {
            PgjmxBridge.borrowed(entry);
        }
    }
}
