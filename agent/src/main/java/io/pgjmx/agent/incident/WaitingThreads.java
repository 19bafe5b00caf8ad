package io.pgjmx.agent.incident;

import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The threads waiting for a connection: parked (or blocked) with the pool's borrow method on their stack.
 * The pool family is told by the DataSource's class; a thread cannot tell which of two pools of the same
 * family it waits for, so with several such pools in one JVM each snapshot lists the waiters of all of them.
 */
final class WaitingThreads {

    /** DataSource class prefix → the frame ("class#method") a thread waiting for one of its connections is in. */
    private static final Map<String, String> BORROW_FRAMES = Map.of(
            "com.zaxxer.hikari.", "com.zaxxer.hikari.pool.HikariPool#getConnection",
            "org.apache.commons.dbcp2.", "org.apache.commons.pool2.impl.GenericObjectPool#borrowObject",
            "org.apache.tomcat.dbcp.dbcp2.", "org.apache.tomcat.dbcp.pool2.impl.GenericObjectPool#borrowObject",
            "org.apache.tomcat.jdbc.pool.", "org.apache.tomcat.jdbc.pool.ConnectionPool#borrowConnection",
            "com.mchange.v2.c3p0.", "com.mchange.v2.resourcepool.BasicResourcePool#awaitAvailable");

    private WaitingThreads() {
    }

    /** The borrow frame of the family of {@code poolClass}; null for a family not known here. */
    static String borrowFrame(String poolClass) {
        if (poolClass == null) {
            return null;
        }
        for (Map.Entry<String, String> e : BORROW_FRAMES.entrySet()) {
            if (poolClass.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The threads of {@code threads} waiting inside {@code borrowFrame}, in the order given. */
    static List<ThreadInfo> in(ThreadInfo[] threads, String borrowFrame) {
        List<ThreadInfo> waiting = new ArrayList<>();
        if (borrowFrame == null) {
            return waiting;
        }
        int hash = borrowFrame.indexOf('#');
        String type = borrowFrame.substring(0, hash);
        String method = borrowFrame.substring(hash + 1);
        for (ThreadInfo t : threads) {
            if (t == null || !waits(t.getThreadState())) {
                continue;
            }
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getMethodName().equals(method) && frame.getClassName().equals(type)) {
                    waiting.add(t);
                    break;
                }
            }
        }
        return waiting;
    }

    private static boolean waits(Thread.State state) {
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.BLOCKED;
    }
}
