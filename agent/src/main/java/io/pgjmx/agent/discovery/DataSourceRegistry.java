package io.pgjmx.agent.discovery;

import io.pgjmx.agent.log.Log;
import io.pgjmx.agent.util.Names;
import io.pgjmx.api.ObjectNames;
import io.pgjmx.bridge.PgjmxBridge;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Receives what the advice reports and keeps the set of registered DataSources. Application threads only
 * hand objects over ({@link #dataSourceSeen}) or record a pid; describing, registering and sweeping closed
 * pools all happen on the agent's own daemon thread. What each DataSource gets once found (monitoring,
 * MBean, ...) is the {@link DataSourceWiring}'s business; the registry only names it and tracks its life.
 */
public final class DataSourceRegistry implements PgjmxBridge.Sink {

    private static final Logger LOG = Log.get(DataSourceRegistry.class);
    private static final int READY_RETRIES = 50;
    /** How long a plain JDBC connection must stay open before its group gets an MBean. */
    static final long DIRECT_GROUP_DELAY_MILLIS = 3000;
    /**
     * The creator the agent's own monitoring connections are opened under: such a connection counts for no
     * DataSource and is never taken for one opened outside a pool.
     */
    public static final Object AGENT_CONNECTION = new Object() {
        @Override
        public String toString() {
            return "pgjmx monitoring connection";
        }
    };

    private final ScheduledExecutorService executor;
    private final DataSourceWiring wiring;
    /** Every family's, asked in order: the first that handles a DataSource describes it. */
    private final List<PoolAdapter> adapters;
    private final BackendLedger ledger = new BackendLedger();
    private final Map<WeakIdentityKey, RegisteredDataSource> registered = new ConcurrentHashMap<>();
    private final Map<WeakIdentityKey, Boolean> wrapped = new ConcurrentHashMap<>();
    /** DataSources whose pool is registered from its other side (see {@link #samePool}). */
    private final Map<WeakIdentityKey, WeakIdentityKey> aliases = new ConcurrentHashMap<>();
    private final DataSourceNames names = new DataSourceNames();

    public DataSourceRegistry(ScheduledExecutorService executor, List<PoolAdapter> adapters, DataSourceWiring wiring) {
        this.adapters = List.copyOf(adapters);
        this.wiring = wiring;
        this.executor = executor;
        executor.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    // --- called on application threads: hand over and return --------------------------------------------

    @Override
    public void dataSourceSeen(Object dataSource) {
        PgjmxBridge.markKnown(dataSource);
        submit(() -> consider(new WeakReference<>(dataSource), 0));
    }

    @Override
    public void dataSourceClosed(Object dataSource) {
        submit(() -> unregister(registeredKey(dataSource), "closed"));
    }

    /**
     * A part of a pool (its housekeeping task, the pool behind it) or, from what the application holds (its
     * registered MBeans, its Spring contexts), a DataSource itself.
     */
    @Override
    public void poolActive(Object poolPart) {
        WeakReference<Object> ref = new WeakReference<>(poolPart);
        submit(() -> {
            Object part = ref.get();
            for (PoolAdapter adapter : adapters) {
                Object ds = part == null ? null : adapter.handles(part) ? part : adapter.dataSourceOf(part);
                if (ds != null) {
                    if (!registered.containsKey(WeakIdentityKey.lookup(ds))) {
                        PgjmxBridge.markKnown(ds);
                        consider(new WeakReference<>(ds), 0);
                    }
                    return;
                }
            }
        });
    }

    /** A known pool's getConnection threw: its wiring decides whether the pool is exhausted. */
    @Override
    public void connectionRefused(Object dataSource, Throwable thrown) {
        RegisteredDataSource entry = registered.get(registeredKey(dataSource));
        if (entry != null) {
            entry.wired().connectionRefused(thrown);
        }
    }

    /**
     * With a pool's creation under way on the thread, the connection is that pool's. With none, it was
     * opened outside any known pool and joins the group of its URL and user. The agent's own monitoring
     * connections run with {@link #AGENT_CONNECTION} as creator and count nowhere.
     */
    @Override
    public void physicalConnectionOpened(Object connection, Object creator, String url, Properties info) {
        if (creator == AGENT_CONNECTION) {
            return;
        }
        if (creator != null) {
            ledger.record(creator, connection);
            return;
        }
        // a plain JDBC connection is held by the thread that opened it until it is closed
        PgjmxBridge.borrowed(connection);
        DirectConnections group = DirectConnections.of(url, info, connection.getClass().getClassLoader());
        group.opened(connection);
        ledger.record(group, connection);
        if (group.announce()) {
            // a start-up script's or a demo's connection that lives a moment must not make an MBean appear and
            // vanish: the group is registered only if it still has an open connection a few seconds later
            schedule(() -> {
                if (group.hasOpenConnection()) {
                    dataSourceSeen(group);
                } else {
                    group.withdrawAnnouncement();
                }
            }, DIRECT_GROUP_DELAY_MILLIS);
        }
    }

    // --- agent thread ---------------------------------------------------------------------------------

    private void schedule(Runnable task, long delayMillis) {
        try {
            executor.schedule(() -> {
                try {
                    task.run();
                } catch (Throwable t) {
                    LOG.warn("discovery task failed: {}", t.toString(), t);
                }
            }, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the agent is shutting down with the JVM
        }
    }

    private void submit(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (Throwable t) {
                    LOG.warn("discovery task failed: {}", t.toString(), t);
                }
            });
        } catch (RejectedExecutionException e) {
            // the agent is shutting down with the JVM
        }
    }

    private void consider(WeakReference<Object> ref, int attempt) {
        Object ds = ref.get();
        if (ds == null) {
            return;
        }
        WeakIdentityKey key = WeakIdentityKey.lookup(ds);
        if (registered.containsKey(key) || wrapped.containsKey(key) || aliases.containsKey(key)) {
            return;
        }
        PoolAdapter adapter = adapters.stream().filter(a -> a.handles(ds)).findFirst().orElse(null);
        if (adapter == null) {
            return;
        }
        if (!adapter.isReady(ds)) {
            // not built yet (HikariPool's constructor reports its DataSource before the DataSource holds it):
            // the next use reports it again at once, and a pool nobody uses again is looked at a while longer
            PgjmxBridge.forget(ds);
            if (attempt < READY_RETRIES) {
                executor.schedule(() -> consider(ref, attempt + 1), 200, TimeUnit.MILLISECONDS);
            }
            return;
        }
        if (!adapter.isPostgres(ds)) {
            LOG.debug("ignoring {}: not a PostgreSQL DataSource", ds.getClass().getName());
            return;
        }
        for (Object inner : adapter.wrapped(ds)) {
            wrapped.put(new WeakIdentityKey(inner, null), Boolean.TRUE);
            unregister(WeakIdentityKey.lookup(inner), "wrapped by " + ds.getClass().getSimpleName());
        }
        WeakIdentityKey same = samePool(ds, adapter);
        if (same != null) {
            aliases.put(new WeakIdentityKey(ds, null), same);
            return;
        }
        register(ds, adapter);
    }

    /**
     * The registered entry that opens its connections in the same object, i.e. the same pool seen from another
     * side: a pool found idle through its insides (a Tomcat ConnectionPool whose DataSource nothing else
     * references) and its DataSource on its next getConnection, or the other way round. Never twice.
     */
    private WeakIdentityKey samePool(Object ds, PoolAdapter adapter) {
        List<Object> creators = adapter.connectionCreators(ds);
        if (creators.isEmpty()) {
            return null;
        }
        Object creator = creators.get(0);
        for (Map.Entry<WeakIdentityKey, RegisteredDataSource> e : registered.entrySet()) {
            Object other = e.getValue().dataSource().get();
            if (other != null && other != ds) {
                List<Object> theirs = e.getValue().adapter().connectionCreators(other);
                if (!theirs.isEmpty() && theirs.get(0) == creator) {
                    return e.getKey();
                }
            }
        }
        return null;
    }

    /** The key a DataSource is registered under: its own, or that of the pool it is another side of. */
    private WeakIdentityKey registeredKey(Object dataSource) {
        WeakIdentityKey key = WeakIdentityKey.lookup(dataSource);
        WeakIdentityKey alias = registered.containsKey(key) ? null : aliases.get(key);
        return alias != null ? alias : key;
    }

    private void register(Object ds, PoolAdapter adapter) {
        String name = names.claim(adapter.poolName(ds), adapter.typeName(ds));
        if (ds instanceof DirectConnections group) {
            group.rememberName(name);
        }
        WeakReference<Object> ref = new WeakReference<>(ds);
        try {
            String url = Names.withoutPassword(adapter.jdbcUrl(ds));
            String user = adapter.username(ds);
            FoundDataSource found = new FoundDataSource(name, adapter.poolClass(ds), url, user,
                    () -> spec(ref, adapter), () -> ownPids(ref, adapter), () -> poolFigures(ref, adapter),
                    () -> ref.get() != null);
            DataSourceWiring.Wired wired = wiring.wire(found);
            registered.put(new WeakIdentityKey(ds, null), new RegisteredDataSource(name, adapter, ref, wired));
            adoptHeldConnections(ds, adapter);
            LOG.info("found PostgreSQL DataSource {} ({}, {}, user {}): MBean {}", name, adapter.poolClass(ds), url,
                    user, ObjectNames.dataSource(name));
        } catch (Exception e) {
            names.release(name);
            LOG.warn("could not register DataSource {}: {}", name, e.toString());
        }
    }

    private ConnectionSpec spec(WeakReference<Object> ref, PoolAdapter adapter) {
        Object ds = ref.get();
        if (ds == null) {
            return null;
        }
        ConnectionSpec spec = adapter.connectionSpec(ds);
        ClassLoader seen = ledger.driverLoader(adapter.connectionCreators(ds));
        return spec == null ? null : spec.withDriverLoader(seen);
    }

    private PoolFigures poolFigures(WeakReference<Object> ref, PoolAdapter adapter) {
        Object ds = ref.get();
        return ds == null ? null : adapter.poolFigures(ds);
    }

    private int[] ownPids(WeakReference<Object> ref, PoolAdapter adapter) {
        Object ds = ref.get();
        if (ds == null) {
            return new int[0];
        }
        adoptHeldConnections(ds, adapter);
        return ledger.openPids(adapter.connectionCreators(ds));
    }

    /**
     * Connections the pool already held when the agent attached were never seen being opened; read them from
     * the pool (a copy of a list, a field per connection), so {@code own} is right after a late attach too.
     * Repeated on each read of the own pids: cheap, and it catches whatever the advice could not see.
     */
    private void adoptHeldConnections(Object ds, PoolAdapter adapter) {
        try {
            List<Object> creators = adapter.connectionCreators(ds);
            if (!creators.isEmpty()) {
                ledger.adopt(creators.get(0), adapter.physicalConnections(ds));
            }
        } catch (RuntimeException e) {
            LOG.debug("reading the connections {} holds: {}", ds.getClass().getName(), e.toString());
        }
    }

    private void unregister(WeakIdentityKey key, String why) {
        RegisteredDataSource entry = registered.remove(key);
        if (entry == null) {
            return;
        }
        entry.wired().unwire();
        names.release(entry.name());
        LOG.info("DataSource {} {}: MBean unregistered", entry.name(), why);
    }

    private void sweep() {
        try {
            for (Map.Entry<WeakIdentityKey, RegisteredDataSource> e : registered.entrySet()) {
                RegisteredDataSource entry = e.getValue();
                Object ds = entry.dataSource().get();
                if (ds == null) {
                    unregister(e.getKey(), "was garbage collected");
                } else if (entry.adapter().isClosed(ds)) {
                    unregister(e.getKey(), "closed");
                } else {
                    entry.wired().sweep();
                }
            }
            wrapped.keySet().removeIf(k -> k.get() == null);
            aliases.entrySet().removeIf(e -> e.getKey().get() == null || !registered.containsKey(e.getValue()));
        } catch (Throwable t) {
            LOG.warn("sweep failed: {}", t.toString());
        }
    }
}
