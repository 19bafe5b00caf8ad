package io.pgjmx.agent.session;

import io.pgjmx.agent.holder.Holders;
import io.pgjmx.agent.holder.Holding;
import io.pgjmx.api.SessionAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a DataSource's MBean asks of its server, through its monitoring connection: listing
 * ({@link SessionQuery}) and signalling ({@link SessionSignals}). Each listed session is joined to the thread
 * of this JVM that holds its connection ({@link Holders}). Errors reach JMX and HTTP clients as JDK
 * exceptions with a message only (no driver classes in the cause chain, which a remote client could not
 * deserialize).
 */
public final class SessionService {

    private final SessionQuery query;
    private final SessionSignals signals;
    private final Supplier<int[]> ownPids;
    private final Holders holders;

    public SessionService(String dataSourceName, MonitorConnection monitor, Supplier<int[]> ownPids,
            boolean readOnly) {
        this(dataSourceName, monitor, ownPids, readOnly, new Holders());
    }

    public SessionService(String dataSourceName, MonitorConnection monitor, Supplier<int[]> ownPids,
            boolean readOnly, Holders holders) {
        this.query = new SessionQuery(monitor, ownPids);
        this.signals = new SessionSignals(dataSourceName, monitor, ownPids, readOnly);
        this.ownPids = ownPids;
        this.holders = holders;
    }

    /**
     * Every client session, each joined to the thread of this JVM that holds it, and those holders themselves
     * (for explain). One query; the holders are read right after it.
     */
    public record Census(List<Session> sessions, Map<Integer, Holding> held) {
        public Session session(int pid) {
            for (Session s : sessions) {
                if (s.getPid() == pid) {
                    return s;
                }
            }
            return null;
        }
    }

    public Census census() {
        List<Session> rows = query.list("");
        Map<Integer, Holding> held = holders.byPid(ownPids.get());
        return new Census(joined(rows, held), held);
    }

    public String serverVersion() {
        return query.serverVersion();
    }

    public List<Session> list(String filterText) {
        List<Session> rows = query.list(filterText);
        return joined(rows, holders.byPid(ownPids.get()));
    }

    public boolean cancel(int pid) {
        return signals.signal(SessionAction.CANCEL, pid);
    }

    public boolean terminate(int pid) {
        return signals.signal(SessionAction.TERMINATE, pid);
    }

    public int[] cancelAll(String filterText) {
        return signals.signalAll(SessionAction.CANCEL, filterText);
    }

    public int[] terminateAll(String filterText) {
        return signals.signalAll(SessionAction.TERMINATE, filterText);
    }

    /** The rows with their holders: read after the query, so a borrow the query saw is not missed. */
    private static List<Session> joined(List<Session> rows, Map<Integer, Holding> held) {
        if (held.isEmpty()) {
            return rows;
        }
        long now = System.nanoTime();
        List<Session> out = new ArrayList<>(rows.size());
        for (Session s : rows) {
            Holding h = held.get(s.getPid());
            out.add(h == null ? s : withHolder(s, h, now));
        }
        return out;
    }

    private static Session withHolder(Session s, Holding h, long now) {
        return new Session(s.getPid(), s.getLeaderPid(), s.getDatabase(), s.getUser(), s.getApplicationName(),
                s.getClientAddress(), s.getClientPort(), s.getBackendType(), s.getState(), s.getWaitEventType(),
                s.getWaitEvent(), s.getQuery(), s.getBackendStart(), s.getTransactionStart(), s.getQueryStart(),
                s.getStateChange(), s.getTransactionSeconds(), s.getQuerySeconds(), s.getStateSeconds(),
                s.getBlockedBy(), s.isOwn(), h.threadName(), h.threadId(), h.heldSeconds(now));
    }
}
