package io.pgjmx.agent.session;

import io.pgjmx.api.SessionAction;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a DataSource's MBean asks of its server, through its monitoring connection: listing
 * ({@link SessionQuery}) and signalling ({@link SessionSignals}). Errors reach JMX and HTTP clients as JDK
 * exceptions with a message only (no driver classes in the cause chain, which a remote client could not
 * deserialize).
 */
public final class SessionService {

    private final SessionQuery query;
    private final SessionSignals signals;

    public SessionService(String dataSourceName, MonitorConnection monitor, Supplier<int[]> ownPids,
            boolean readOnly) {
        this.query = new SessionQuery(monitor, ownPids);
        this.signals = new SessionSignals(dataSourceName, monitor, ownPids, readOnly);
    }

    public String serverVersion() {
        return query.serverVersion();
    }

    public List<Session> list(String filterText) {
        return query.list(filterText);
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
}
