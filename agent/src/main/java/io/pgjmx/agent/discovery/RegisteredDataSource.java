package io.pgjmx.agent.discovery;

import java.lang.ref.WeakReference;

/** A DataSource the agent has registered; holds the application object weakly. */
record RegisteredDataSource(String name, PoolAdapter adapter, WeakReference<Object> dataSource,
        DataSourceWiring.Wired wired) {
}
