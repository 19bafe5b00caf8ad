package io.pgjmx.agent.jmx;

import io.pgjmx.agent.session.Session;
import io.pgjmx.agent.holder.Holding;
import io.pgjmx.agent.session.LockForest;
import io.pgjmx.agent.session.SessionService;
import io.pgjmx.api.ControlChars;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One look at the server (a {@link SessionService.Census}) turned into the answers of {@code explainSession},
 * {@code sessionDetail}, {@code lockRoots} and {@code lockTree}: the database side of a session joined to the
 * Java thread that holds it, and who waits on whom.
 */
public final class SessionExplainer {

    /** Enough frames to reach the application's code under a framework's; the rest is elided in the text. */
    private static final int MAX_TEXT_FRAMES = 60;

    private final SessionService.Census census;
    private final LockForest forest;
    private final long nowNanos = System.nanoTime();

    public SessionExplainer(SessionService.Census census) {
        this.census = census;
        Map<Integer, int[]> blockedBy = new HashMap<>();
        for (Session s : census.sessions()) {
            blockedBy.put(s.getPid(), s.getBlockedBy());
        }
        this.forest = new LockForest(blockedBy);
    }

    SessionDetail detail(int pid) {
        Session s = session(pid);
        Holding h = census.held().get(pid);
        if (h == null) {
            return new SessionDetail(s, null, null, -1, new String[0], null, forest.blocking(pid), s.getBlockedBy());
        }
        ThreadInfo now = h.now();
        return new SessionDetail(s, h.threadName(), now == null ? "TERMINATED" : now.getThreadState().name(),
                h.heldSeconds(nowNanos), now == null ? new String[0] : Holding.frames(now.getStackTrace()),
                h.borrowFrames(), forest.blocking(pid), s.getBlockedBy());
    }

    String explain(int pid, String dataSourceName) {
        SessionDetail d = detail(pid);
        Session s = d.getSession();
        StringBuilder out = new StringBuilder();
        out.append("Session ").append(pid).append(" of DataSource ").append(dataSourceName)
                .append(s.isOwn() ? " (opened by this pool)" : " (not opened by this DataSource in this JVM)")
                .append('\n');
        field(out, "state", text(s.getState()) + "   transaction " + age(s.getTransactionSeconds()) + ", query "
                + age(s.getQuerySeconds()) + ", in state " + age(s.getStateSeconds()));
        field(out, "user", text(s.getUser()) + "   database " + text(s.getDatabase()) + "   application "
                + text(s.getApplicationName()) + "   client " + text(s.getClientAddress())
                + (s.getClientPort() == null ? "" : ":" + s.getClientPort()));
        field(out, "wait", s.getWaitEventType() == null ? "-" : text(s.getWaitEventType() + ":" + s.getWaitEvent()));
        field(out, "query", text(s.getQuery()));
        out.append('\n');
        if (d.getHolderThread() == null) {
            out.append("Holder: none in this JVM (")
                    .append(s.isOwn() ? "the connection sits idle in the pool" : "not a connection of this DataSource")
                    .append(")\n");
        } else {
            out.append("Holder: thread \"").append(text(d.getHolderThread())).append("\" (id ")
                    .append(s.getHolderThreadId()).append("), ").append(d.getHolderThreadState()).append(", held ")
                    .append(d.getHeldSeconds()).append(" s\n");
            out.append("  current stack:\n");
            frames(out, d.getCurrentStack());
            if (d.getBorrowStack() == null) {
                out.append("  borrow stack: not kept (start the agent with borrowStacks=true to keep it)\n");
            } else {
                out.append("  borrowed at:\n");
                frames(out, d.getBorrowStack());
            }
        }
        out.append('\n');
        out.append("Blocks:     ").append(others(d.getBlocking())).append('\n');
        out.append("Blocked by: ").append(others(d.getBlockedBy())).append('\n');
        return out.toString();
    }

    public LockRoot[] lockRoots() {
        List<LockRoot> roots = new ArrayList<>();
        for (int pid : forest.roots()) {
            Session s = census.session(pid);
            roots.add(new LockRoot(pid, forest.blockedTransitively(pid), s != null && s.isOwn(),
                    s == null ? null : s.getHolderThread(), s == null ? null : s.getState(),
                    s == null ? -1 : s.getTransactionSeconds()));
        }
        return roots.toArray(new LockRoot[0]);
    }

    public String lockTree() {
        return forest.render(this::summary);
    }

    /** One line of the tree after the pid: state, ages, own, holder. */
    private String summary(int pid) {
        Session s = census.session(pid);
        if (s == null) {
            return "(not a client session pgjmx lists: a server process, a prepared transaction or pgjmx's own)";
        }
        return text(s.getState()) + "  xact " + age(s.getTransactionSeconds()) + (s.isOwn() ? "  own" : "")
                + (s.getHolderThread() == null ? "" : "  holder \"" + text(s.getHolderThread()) + "\" "
                        + s.getHeldSeconds() + "s")
                + (s.getWaitEventType() == null ? "" : "  wait " + text(s.getWaitEventType() + ":" + s.getWaitEvent()));
    }

    /** Checked before any query runs. */
    static void requirePid(int pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be a positive backend process id, got " + pid);
        }
    }

    private Session session(int pid) {
        requirePid(pid);
        Session s = census.session(pid);
        if (s == null) {
            throw new IllegalArgumentException("no client session with pid " + pid + " on this server (pgjmx's own "
                    + "monitoring connection and server processes are not listed); listSessions shows the pids "
                    + "there are");
        }
        return s;
    }

    private String others(int[] pids) {
        if (pids.length == 0) {
            return "nobody";
        }
        StringBuilder b = new StringBuilder();
        for (int pid : pids) {
            Session s = census.session(pid);
            b.append(b.length() == 0 ? "" : ", ").append("pid ").append(pid);
            if (s != null && s.getHolderThread() != null) {
                b.append(" (holder \"").append(text(s.getHolderThread())).append("\")");
            } else {
                b.append(s != null && s.isOwn() ? " (idle in the pool)" : " (no holder in this JVM)");
            }
        }
        return b.toString();
    }

    private static void frames(StringBuilder out, String[] frames) {
        int shown = Math.min(frames.length, MAX_TEXT_FRAMES);
        for (int i = 0; i < shown; i++) {
            out.append("    at ").append(text(frames[i])).append('\n');
        }
        if (frames.length > shown) {
            out.append("    ... ").append(frames.length - shown).append(" more (sessionDetail has them all)\n");
        }
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append("  ").append(name).append(" ".repeat(Math.max(1, 8 - name.length()))).append(value).append('\n');
    }

    private static String age(long seconds) {
        return seconds < 0 ? "-" : seconds + " s";
    }

    private static String text(String value) {
        return value == null ? "-" : ControlChars.visible(value);
    }
}
