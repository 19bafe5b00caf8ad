package io.pgjmx.agent.discovery;

import io.pgjmx.agent.incident.IncidentReport;
import io.pgjmx.agent.jmx.SignalTally;
import io.pgjmx.agent.session.MonitorConnection;
import io.pgjmx.agent.session.Snapshots;
import java.lang.ref.WeakReference;
import javax.management.ObjectName;

/** A DataSource the agent has registered; holds the application object weakly. */
record RegisteredDataSource(String name, PoolAdapter adapter, WeakReference<Object> dataSource, ObjectName objectName,
        MonitorConnection monitor, Snapshots snapshots, SignalTally tally, IncidentReport incident) {
}
