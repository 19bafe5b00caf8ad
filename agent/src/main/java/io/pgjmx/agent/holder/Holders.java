package io.pgjmx.agent.holder;

import io.pgjmx.agent.util.Reflect;
import io.pgjmx.bridge.BorrowSlot;
import io.pgjmx.bridge.PgjmxBridge;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;

/**
 * Who holds which backend: the bridge's borrow slots joined to backend pids. Each slot is resolved to its
 * pgjdbc connection and pid once, here on the agent's thread (the borrowing thread only writes a thread and a
 * time); a slot whose connection is closed is skipped, so a pid the server has reused is never misread.
 */
public final class Holders {

    /** Backends of the given pids that a thread has checked out now. */
    public Map<Integer, Holding> byPid(int[] pids) {
        Map<Integer, Holding> held = new HashMap<>();
        if (pids.length == 0) {
            return held;
        }
        java.util.Set<Integer> wanted = new java.util.HashSet<>();
        for (int pid : pids) {
            wanted.add(pid);
        }
        for (BorrowSlot slot : PgjmxBridge.slots()) {
            long holder = slot.holderId();
            if (holder == 0) {
                continue;
            }
            long since = slot.sinceNanos();
            Throwable stack = slot.borrowStack();
            int pid = resolve(slot);
            if (pid <= 0 || !wanted.contains(pid) || closed(slot)) {
                continue;
            }
            Holding before = held.get(pid);
            if (before == null || before.sinceNanos() - since < 0) {
                held.put(pid, new Holding(holder, null, since, stack));
            }
        }
        return named(held);
    }

    /** Thread names for all holders in one call; a thread that ended while holding is named as such. */
    private static Map<Integer, Holding> named(Map<Integer, Holding> held) {
        if (held.isEmpty()) {
            return held;
        }
        long[] ids = held.values().stream().mapToLong(Holding::threadId).distinct().toArray();
        ThreadInfo[] infos = ManagementFactory.getThreadMXBean().getThreadInfo(ids, 0);
        Map<Long, String> names = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            names.put(ids[i], infos[i] == null ? "thread-" + ids[i] + " (ended)" : infos[i].getThreadName());
        }
        Map<Integer, Holding> out = new HashMap<>();
        held.forEach((pid, h) -> out.put(pid, new Holding(h.threadId(), names.get(h.threadId()), h.sinceNanos(),
                h.borrowStack())));
        return out;
    }

    private static int resolve(BorrowSlot slot) {
        int pid = slot.pid();
        if (pid > 0) {
            return pid;
        }
        Object entry = slot.get();
        Object connection = entry == null ? null : EntryConnections.pgConnection(entry);
        Object p = connection == null ? null : Reflect.invoke(connection, "getBackendPID");
        if (p instanceof Integer backend && backend > 0) {
            slot.resolved(connection, backend);
            return backend;
        }
        return 0;
    }

    private static boolean closed(BorrowSlot slot) {
        Object connection = slot.connection();
        return connection == null || Boolean.TRUE.equals(Reflect.invoke(connection, "isClosed"));
    }
}
