package io.pgjmx.agent.incident;

import io.pgjmx.agent.holder.Holding;
import io.pgjmx.agent.jmx.LockRoot;
import io.pgjmx.agent.jmx.SessionExplainer;
import io.pgjmx.agent.session.MonitorConnection;
import io.pgjmx.agent.session.ServerInfo;
import io.pgjmx.agent.session.Session;
import io.pgjmx.agent.session.SessionService;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The incident snapshot of one DataSource as one JSON document: when and why, the agent's and the server's
 * versions, the pool's own figures, every session with the Java thread that holds it and that thread's
 * stack, the lock tree, and the threads waiting for a connection with their stacks. Everything comes from
 * the monitoring connection and the JVM itself, never from the application's pool, so it works when the pool
 * is exhausted; what cannot be read (a server that does not answer) is written as an error beside the rest.
 */
public final class IncidentReport {

    /** Enough to reach the application's frames below a deep framework stack; the file stays readable. */
    static final int MAX_WAITING_THREADS = 200;

    private final String name;
    private final String poolClass;
    private final String jdbcUrl;
    private final String username;
    private final Supplier<PoolCounts> poolFigures;
    private final SessionService sessions;
    private final MonitorConnection monitor;

    public IncidentReport(String name, String poolClass, String jdbcUrl, String username,
            Supplier<PoolCounts> poolFigures, SessionService sessions, MonitorConnection monitor) {
        this.name = name;
        this.poolClass = poolClass;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.poolFigures = poolFigures;
        this.sessions = sessions;
        this.monitor = monitor;
    }

    public String dataSourceName() {
        return name;
    }

    /** The snapshot now; {@code trigger} is null when an operator asked for it. */
    public String json(Trigger trigger) {
        // the threads first: the waiters are seen as close to the failed getConnection as can be
        ThreadInfo[] threads = ManagementFactory.getThreadMXBean().dumpAllThreads(false, false);
        Instant now = Instant.now();
        PoolCounts pool = figures();
        SessionService.Census census = null;
        String sessionsError = null;
        try {
            census = sessions.census();
        } catch (RuntimeException e) {
            sessionsError = e.getMessage();
        }
        JsonWriter w = new JsonWriter().beginObject();
        w.name("snapshot").value("pgjmx incident snapshot");
        w.name("time").value(now.toString());
        w.name("jvmPid").value(ProcessHandle.current().pid());
        writeTrigger(w, trigger);
        w.name("agentVersion").value(agentVersion());
        ServerInfo server = monitor.serverIfKnown();
        w.name("serverVersion").value(server == null ? null : server.version());
        writeDataSource(w, pool);
        w.name("sessionsError").value(sessionsError);
        Map<Long, ThreadInfo> byId = new HashMap<>();
        for (ThreadInfo t : threads) {
            if (t != null) {
                byId.put(t.getThreadId(), t);
            }
        }
        w.name("sessions").beginArray();
        if (census != null) {
            for (Session s : census.sessions()) {
                writeSession(w, s, census.held().get(s.getPid()), byId);
            }
        }
        w.endArray();
        writeLocks(w, census);
        writeWaiting(w, WaitingThreads.in(threads, WaitingThreads.borrowFrame(poolClass)));
        return w.endObject().toJson();
    }

    private PoolCounts figures() {
        try {
            return poolFigures.get();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void writeTrigger(JsonWriter w, Trigger trigger) {
        w.name("trigger");
        if (trigger == null) {
            w.beginObject().name("kind").value("requested").endObject();
            return;
        }
        Throwable t = trigger.thrown();
        w.beginObject().name("kind").value("pool exhausted")
                .name("time").value(trigger.at().toString())
                .name("thread").value(trigger.thread())
                .name("exception").value(t.getClass().getName())
                .name("message").value(t.getMessage())
                .name("stack").value(frames(t.getStackTrace()))
                .endObject();
    }

    private void writeDataSource(JsonWriter w, PoolCounts pool) {
        w.name("dataSource").beginObject()
                .name("name").value(name)
                .name("poolClass").value(poolClass)
                .name("jdbcUrl").value(jdbcUrl)
                .name("username").value(username)
                .name("reachable").value(monitor.reachable())
                .name("lastError").value(monitor.lastError());
        // as the pool counts them: handed out, waiting in the pool, threads waiting for one; null = not told
        w.name("pool").beginObject()
                .name("active").value(pool == null ? null : pool.active())
                .name("idle").value(pool == null ? null : pool.idle())
                .name("total").value(pool == null ? null : pool.total())
                .name("threadsWaiting").value(pool == null ? null : pool.threadsWaiting())
                .endObject();
        w.endObject();
    }

    /** The session as listSessions gives it, then the Java side: its holder thread, that thread's stacks. */
    private static void writeSession(JsonWriter w, Session s, Holding holding, Map<Long, ThreadInfo> threads) {
        w.beginObject()
                .name("pid").value(s.getPid())
                .name("state").value(s.getState())
                .name("transactionSeconds").value(s.getTransactionSeconds())
                .name("querySeconds").value(s.getQuerySeconds())
                .name("stateSeconds").value(s.getStateSeconds())
                .name("blockedBy").value(s.getBlockedBy())
                .name("own").value(s.isOwn())
                .name("holderThread").value(s.getHolderThread())
                .name("holderThreadId").value(s.getHolderThreadId())
                .name("heldSeconds").value(s.getHeldSeconds())
                .name("leaderPid").value(s.getLeaderPid())
                .name("database").value(s.getDatabase())
                .name("user").value(s.getUser())
                .name("applicationName").value(s.getApplicationName())
                .name("clientAddress").value(s.getClientAddress())
                .name("clientPort").value(s.getClientPort())
                .name("backendType").value(s.getBackendType())
                .name("waitEventType").value(s.getWaitEventType())
                .name("waitEvent").value(s.getWaitEvent())
                .name("backendStart").value(date(s.getBackendStart()))
                .name("transactionStart").value(date(s.getTransactionStart()))
                .name("queryStart").value(date(s.getQueryStart()))
                .name("stateChange").value(date(s.getStateChange()))
                .name("query").value(s.getQuery());
        if (holding != null) {
            // the holder as the thread dump above saw it: the same moment as the waiting threads
            ThreadInfo t = threads.containsKey(holding.threadId()) ? threads.get(holding.threadId()) : holding.now();
            w.name("holderThreadState").value(t == null ? "ENDED" : t.getThreadState().name())
                    .name("currentStack").value(t == null ? List.of() : frames(t.getStackTrace()));
            String[] borrow = holding.borrowFrames();
            w.name("borrowStack").value(borrow == null ? null : Arrays.asList(borrow));
        }
        w.endObject();
    }

    /** The same roots and tree as lockRoots() and lockTree(), from the census the sessions above come from. */
    private static void writeLocks(JsonWriter w, SessionService.Census census) {
        SessionExplainer explainer = census == null ? null : new SessionExplainer(census);
        w.name("lockRoots").beginArray();
        if (explainer != null) {
            for (LockRoot root : explainer.lockRoots()) {
                w.beginObject()
                        .name("pid").value(root.getPid())
                        .name("blockedPids").value(root.getBlockedPids())
                        .name("own").value(root.isOwn())
                        .name("holderThread").value(root.getHolderThread())
                        .name("state").value(root.getState())
                        .name("xactSeconds").value(root.getXactSeconds())
                        .endObject();
            }
        }
        w.endArray();
        w.name("lockTree").value(explainer == null ? null : explainer.lockTree());
    }

    private static void writeWaiting(JsonWriter w, List<ThreadInfo> waiting) {
        w.name("threadsWaitingForConnection").value(waiting.size());
        w.name("waitingThreads").beginArray();
        for (ThreadInfo t : waiting.subList(0, Math.min(waiting.size(), MAX_WAITING_THREADS))) {
            w.beginObject()
                    .name("name").value(t.getThreadName())
                    .name("id").value(t.getThreadId())
                    .name("state").value(t.getThreadState().name())
                        .name("stack").value(frames(t.getStackTrace()))
                    .endObject();
        }
        w.endArray();
    }

    /** As jstack shows them, like the holders' stacks. */
    static List<String> frames(StackTraceElement[] stack) {
        return Arrays.asList(Holding.frames(stack));
    }

    private static String date(Date d) {
        return d == null ? null : d.toInstant().toString();
    }

    private static String agentVersion() {
        String v = IncidentReport.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}
