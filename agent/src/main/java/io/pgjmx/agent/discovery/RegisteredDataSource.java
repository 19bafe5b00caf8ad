package io.pgjmx.agent.discovery;

import io.pgjmx.agent.session.MonitorConnection;
import java.lang.ref.WeakReference;
import javax.management.ObjectName;

/** A DataSource the agent has registered; holds the application object weakly. */
record RegisteredDataSource(String name, PoolAdapter adapter, WeakReference<Object> dataSource, ObjectName objectName,
        MonitorConnection monitor) {
}
