package io.pgjmx.agent;

import io.pgjmx.agent.attach.AgentStatus;
import io.pgjmx.agent.discovery.DataSourceWiring;
import io.pgjmx.agent.discovery.FoundDataSource;
import io.pgjmx.agent.discovery.PoolFigures;
import io.pgjmx.agent.incident.AutoSnapshots;
import io.pgjmx.agent.incident.IncidentReport;
import io.pgjmx.agent.incident.PoolCounts;
import io.pgjmx.agent.jmx.DataSourceMBean;
import io.pgjmx.agent.jmx.DataSourceMXBean;
import io.pgjmx.agent.jmx.DescribedMXBean;
import io.pgjmx.agent.jmx.PlatformMBeans;
import io.pgjmx.agent.jmx.SignalTally;
import io.pgjmx.agent.log.Log;
import io.pgjmx.agent.metrics.DataSourceFigures;
import io.pgjmx.agent.options.AgentOptions;
import io.pgjmx.agent.session.MonitorConnection;
import io.pgjmx.agent.session.SessionService;
import io.pgjmx.agent.session.Snapshot;
import io.pgjmx.agent.session.Snapshots;
import io.pgjmx.api.ObjectNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import org.slf4j.Logger;

/**
 * What each found DataSource gets: its monitoring connection, session service, snapshots and MBean, made
 * from the options in one place. Discovery calls it through {@link DataSourceWiring}; {@code /metrics} and
 * the attach client's list of names read the DataSources it holds.
 */
final class MonitoredDataSources implements DataSourceWiring {

    private static final Logger LOG = Log.get(MonitoredDataSources.class);
    private static final long MONITOR_IDLE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final AgentOptions options;
    private final Map<String, Monitored> monitored = new ConcurrentHashMap<>();
    private final AutoSnapshots autoSnapshots;

    /** {@code executor}: the agent's thread, on which automatic incident snapshots are taken. */
    MonitoredDataSources(AgentOptions options, Executor executor) {
        this.options = options;
        this.autoSnapshots = new AutoSnapshots(options.snapshotDir(), options.snapshotIntervalMillis(), executor);
    }

    @Override
    public Wired wire(FoundDataSource found) throws Exception {
        String name = found.name();
        MonitorConnection monitor = new MonitorConnection(name, found.connectionSpec(), options.monitorUser(),
                options.monitorPassword(), options.queryTimeoutMillis());
        SessionService sessions = new SessionService(name, monitor, found.ownPids(), options.readOnly());
        Snapshots snapshots = new Snapshots(name, monitor, found.ownPids());
        IncidentReport incident = new IncidentReport(name, found.poolClass(), found.jdbcUrl(), found.username(),
                () -> poolCounts(found), sessions, monitor);
        DataSourceMBean mbean = new DataSourceMBean(name, found.poolClass(), found.jdbcUrl(), found.username(),
                sessions, snapshots, monitor, () -> incident.json(null));
        ObjectName objectName = new ObjectName(ObjectNames.dataSource(name));
        PlatformMBeans.register(objectName, () -> new DescribedMXBean<>(mbean, DataSourceMXBean.class));
        Monitored entry = new Monitored(found, objectName, monitor, snapshots, mbean.tally(), incident);
        monitored.put(name, entry);
        AgentStatus.dataSources(names());
        return entry;
    }

    private static PoolCounts poolCounts(FoundDataSource found) {
        PoolFigures f = found.poolFigures().get();
        return f == null ? null : new PoolCounts(f.used(), f.idle(), f.pending());
    }

    /** The names of the DataSources monitored, sorted. */
    String[] names() {
        // no stream: this runs when the first DataSource is found, often during the application's start
        String[] names = monitored.keySet().toArray(new String[0]);
        Arrays.sort(names);
        return names;
    }

    /**
     * Every monitored DataSource's figures for one scrape: its snapshot (taken now when older than a second,
     * never waiting behind another caller's refresh) and the pool's own counts.
     */
    List<DataSourceFigures> figures() {
        List<DataSourceFigures> figures = new ArrayList<>();
        for (Monitored entry : monitored.values()) {
            if (!entry.found.present().getAsBoolean()) {
                continue;
            }
            Snapshot s = entry.snapshots.current();
            PoolFigures pool = null;
            try {
                pool = entry.found.poolFigures().get();
            } catch (RuntimeException e) {
                LOG.debug("reading the pool figures of {}: {}", entry.found.name(), e.toString());
            }
            Map<String, int[]> byState = s == null ? Map.of() : s.byState();
            figures.add(new DataSourceFigures(entry.found.name(), s != null && entry.monitor.reachable(), byState,
                    s == null ? null : s.waiting(), s == null ? null : s.blocking(),
                    s == null ? null : s.oldestTransactionSeconds(), s == null ? null : s.longestQuerySeconds(),
                    pool == null ? null : pool.used(), pool == null ? null : pool.idle(),
                    pool == null ? null : pool.pending(), entry.tally.cancels(), entry.tally.terminations()));
        }
        figures.sort(Comparator.comparing(DataSourceFigures::name));
        return figures;
    }

    /** One DataSource's parts; {@link #unwire} takes them down. */
    private final class Monitored implements Wired {
        private final FoundDataSource found;
        private final ObjectName objectName;
        private final MonitorConnection monitor;
        private final Snapshots snapshots;
        private final SignalTally tally;
        private final IncidentReport incident;

        Monitored(FoundDataSource found, ObjectName objectName, MonitorConnection monitor, Snapshots snapshots,
                SignalTally tally, IncidentReport incident) {
            this.incident = incident;
            this.found = found;
            this.objectName = objectName;
            this.monitor = monitor;
            this.snapshots = snapshots;
            this.tally = tally;
        }

        @Override
        public void connectionRefused(Throwable thrown) {
            autoSnapshots.refused(incident, thrown);
        }

        @Override
        public void sweep() {
            monitor.closeIfIdle(MONITOR_IDLE_NANOS);
        }

        @Override
        public void unwire() {
            monitored.remove(found.name(), this);
            AgentStatus.dataSources(names());
            try {
                PlatformMBeans.unregister(objectName);
            } catch (Exception e) {
                LOG.debug("unregistering {}: {}", objectName, e.toString());
            }
            monitor.close();
        }
    }
}
