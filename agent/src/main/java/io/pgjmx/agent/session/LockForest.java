package io.pgjmx.agent.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * Who waits on whom, from each session's {@code pg_blocking_pids}: the roots (sessions that block others and
 * wait on nobody), everything each root holds up directly or through others, and the same as an indented
 * tree. Pure logic over pids, so it is tested without a server. Waits can form a cycle (a deadlock, until
 * PostgreSQL's deadlock_timeout ends it): every walk keeps a visited set, so nothing loops, and sessions held
 * up only by a cycle are listed as such.
 */
public final class LockForest {

    /** blocker pid to the pids it blocks directly, in pid order. */
    private final Map<Integer, TreeSet<Integer>> waiters = new TreeMap<>();
    private final Map<Integer, int[]> blockedBy;

    /** @param blockedBy each session's pid to its {@code pg_blocking_pids} */
    public LockForest(Map<Integer, int[]> blockedBy) {
        this.blockedBy = blockedBy;
        for (Map.Entry<Integer, int[]> e : blockedBy.entrySet()) {
            for (int blocker : e.getValue()) {
                waiters.computeIfAbsent(blocker, k -> new TreeSet<>()).add(e.getKey());
            }
        }
    }

    /** Sessions that block at least one other and wait on nobody, in pid order. */
    public List<Integer> roots() {
        List<Integer> roots = new ArrayList<>();
        for (Integer blocker : waiters.keySet()) {
            int[] own = blockedBy.get(blocker);
            if (own == null || own.length == 0) {
                roots.add(blocker);
            }
        }
        return roots;
    }

    /** The pids that wait on {@code pid} directly, in pid order. */
    public int[] blocking(int pid) {
        TreeSet<Integer> direct = waiters.get(pid);
        return direct == null ? new int[0] : direct.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Every pid that waits on {@code pid}, directly or through others, in pid order; never {@code pid} itself. */
    public int[] blockedTransitively(int pid) {
        Set<Integer> seen = new TreeSet<>();
        Deque<Integer> todo = new ArrayDeque<>(List.of(pid));
        while (!todo.isEmpty()) {
            TreeSet<Integer> next = waiters.get(todo.poll());
            if (next != null) {
                for (Integer w : next) {
                    if (w != pid && seen.add(w)) {
                        todo.add(w);
                    }
                }
            }
        }
        return seen.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The roots and their waiters as an indented tree, one line per session ({@code describe} gives the text
     * after the pid). A waiter of two blockers appears under both; a session already on the path above is
     * marked instead of followed. Sessions that wait but are reached from no root (a cycle) follow at the end.
     */
    public String render(IntFunction<String> describe) {
        StringBuilder out = new StringBuilder();
        Set<Integer> reached = new HashSet<>();
        List<Integer> roots = roots();
        for (Integer root : roots) {
            line(out, root, 0, describe, new HashSet<>(), reached);
        }
        Set<Integer> stuck = new TreeSet<>();
        for (Map.Entry<Integer, int[]> e : blockedBy.entrySet()) {
            if (e.getValue().length > 0 && !reached.contains(e.getKey())) {
                stuck.add(e.getKey());
            }
        }
        if (!stuck.isEmpty()) {
            out.append("waiting in a cycle (a deadlock PostgreSQL ends after deadlock_timeout) or on sessions not "
                    + "listed:\n");
            for (Integer pid : stuck) {
                int[] by = blockedBy.get(pid);
                out.append("  pid ").append(pid).append(' ').append(describe.apply(pid)).append("  waits on ")
                        .append(join(by)).append('\n');
            }
        }
        if (out.length() == 0) {
            out.append("no session waits on a lock held by another\n");
        }
        return out.toString();
    }

    private void line(StringBuilder out, int pid, int depth, IntFunction<String> describe, Set<Integer> path,
            Set<Integer> reached) {
        out.append("  ".repeat(depth)).append(depth == 0 ? "" : "└ ").append("pid ").append(pid);
        reached.add(pid);
        if (!path.add(pid)) {
            out.append("  (already above: a cycle)\n");
            return;
        }
        out.append(' ').append(describe.apply(pid)).append('\n');
        TreeSet<Integer> next = waiters.get(pid);
        if (next != null) {
            for (Integer w : next) {
                line(out, w, depth + 1, describe, path, reached);
            }
        }
        path.remove(pid);
    }

    private static String join(int[] pids) {
        StringBuilder b = new StringBuilder();
        for (int p : pids) {
            b.append(b.length() == 0 ? "" : ",").append(p);
        }
        return b.toString();
    }
}
