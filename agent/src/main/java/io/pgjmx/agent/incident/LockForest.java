package io.pgjmx.agent.incident;

import io.pgjmx.agent.jmx.Session;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The lock tree of one list of sessions, from each session's {@code blockedBy} ({@code pg_blocking_pids}):
 * the roots block others and wait for no one, and each root carries every session waiting on it, directly
 * or through others. Built from the same rows the snapshot lists, so the two always agree.
 */
final class LockForest {

    record Root(Session session, int[] blockedPids) {
    }

    private LockForest() {
    }

    static List<Root> roots(List<Session> sessions) {
        Map<Integer, Session> byPid = new HashMap<>();
        Map<Integer, List<Integer>> waiters = new HashMap<>();
        for (Session s : sessions) {
            byPid.put(s.getPid(), s);
            for (int blocker : s.getBlockedBy()) {
                waiters.computeIfAbsent(blocker, k -> new ArrayList<>()).add(s.getPid());
            }
        }
        List<Root> roots = new ArrayList<>();
        for (Session s : sessions) {
            if (s.getBlockedBy().length > 0 || !waiters.containsKey(s.getPid())) {
                continue;
            }
            TreeSet<Integer> blocked = new TreeSet<>();
            Deque<Integer> todo = new ArrayDeque<>(waiters.get(s.getPid()));
            while (!todo.isEmpty()) {
                int pid = todo.pop();
                if (pid != s.getPid() && blocked.add(pid)) {
                    todo.addAll(waiters.getOrDefault(pid, List.of()));
                }
            }
            roots.add(new Root(s, blocked.stream().mapToInt(Integer::intValue).toArray()));
        }
        roots.sort((a, b) -> Integer.compare(b.blockedPids().length, a.blockedPids().length));
        return roots;
    }
}
