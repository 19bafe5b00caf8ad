package io.pgjmx.agent;

import io.pgjmx.agent.attach.AgentStatus;
import io.pgjmx.agent.discovery.DataSourceRegistry;
import io.pgjmx.agent.discovery.PoolThreads;
import io.pgjmx.agent.families.PoolFamilies;
import io.pgjmx.agent.http.JolokiaEndpoint;
import io.pgjmx.agent.instrument.DiscoveryInstaller;
import io.pgjmx.agent.instrument.HookGate;
import io.pgjmx.agent.jmx.AgentMBean;
import io.pgjmx.agent.jmx.AgentMXBean;
import io.pgjmx.agent.jmx.DescribedMXBean;
import io.pgjmx.agent.jmx.PlatformMBeans;
import io.pgjmx.agent.log.Log;
import io.pgjmx.agent.metrics.MetricsPage;
import io.pgjmx.agent.options.AgentOptions;
import io.pgjmx.api.ObjectNames;
import io.pgjmx.bridge.PgjmxBridge;
import java.lang.instrument.Instrumentation;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;

/** The running agent: one per JVM. */
final class AgentRuntime {

    static final String AGENT_MBEAN = ObjectNames.AGENT;
    static final String PREMAIN = "-javaagent";
    private static final Logger LOG = Log.get(AgentRuntime.class);

    private AgentRuntime() {
    }

    static String version() {
        String v = AgentRuntime.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    static void refuse(String problems) {
        for (String line : problems.split("\\R")) {
            LOG.error("{}", line);
        }
        LOG.error("pgjmx is not started because of the option problems above; the application runs on without it");
    }

    static void alreadyRunning(String how) {
        LOG.info("pgjmx is already running in this JVM; {} ignored (no second set of MBeans)", how);
    }

    /**
     * Everything after premain's gate and the bridge, on the start thread (after an attach, on the attaching
     * one). False when the options were refused or the start failed: the agent is off and the application runs on.
     */
    static boolean begin(String args, Instrumentation instrumentation, String how, HookGate gate) {
        try {
            if (how.equals(PREMAIN)) {
                // the weaver first: the application's first pool class waits for it
                DiscoveryInstaller.prepare(gate);
            }
            Log.reportProblemsTo(new ProblemsToStatus());
            AgentOptions options;
            try {
                options = AgentOptions.parse(args, System.getProperties());
            } catch (AgentOptions.InvalidOptionsException e) {
                gate.close();
                PgjmxBridge.giveUp();
                refuse(e.getMessage());
                AgentStatus.off();
                return false;
            }
            start(options, instrumentation, how, gate);
            return true;
        } catch (Throwable t) {
            gate.close();
            PgjmxBridge.giveUp(); // no early report is kept for a registry that never comes
            String why = "pgjmx could not start and is off; the application runs on: " + t;
            LOG.error("{}", why);
            AgentStatus.failed(why);
            return false;
        }
    }

    private static void start(AgentOptions options, Instrumentation instrumentation, String how, HookGate gate)
            throws Exception {
        Log.level(options.logLevel());
        PgjmxBridge.keepBorrowStacks(options.borrowStacks());
        // the weaver, unless a hooked class came first and built it, and the hooked classes loaded before the
        // gate (after an attach, all of them); what the hooks report meanwhile waits in the bridge until the
        // registry is in (PgjmxBridge#install)
        DiscoveryInstaller.complete(instrumentation, gate);
        wire(options, instrumentation, how);
    }

    /** WARN and ERROR lines to the status the attach client reads. */
    private static final class ProblemsToStatus implements java.util.function.BiConsumer<org.slf4j.event.Level, String> {
        @Override
        public void accept(org.slf4j.event.Level level, String message) {
            AgentStatus.problem(level.toString(), message);
        }
    }

    private static void wire(AgentOptions options, Instrumentation instrumentation, String how) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "pgjmx");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        MonitoredDataSources monitored = new MonitoredDataSources(options, executor);
        DataSourceRegistry registry = new DataSourceRegistry(executor, PoolFamilies.adapters(), monitored);
        executor.execute(io.pgjmx.agent.holder.BorrowClock::start); // until it ticks, borrows read nanoTime
        // for the hook on ManagementFactory#getPlatformMBeanServer: queued MBeans are there before anyone queries;
        // before the registry, whose first registrations may follow at once
        PgjmxBridge.onPlatformMBeanServer(server -> PlatformMBeans.serverCreated((MBeanServer) server));
        PgjmxBridge.install(registry);
        // HTTP first, so that once pgjmx:type=Agent is visible its JolokiaUrl is final; the state says running
        // only after both, for the attach client waits for it and prints the URL; all on the agent's daemon thread
        executor.execute(() -> {
            String url = null;
            try {
                url = options.jolokia()
                        ? JolokiaEndpoint.start(options, format -> MetricsPage.render(format, version(), monitored.figures()))
                        : null;
                registerAgentMBean(options, monitored, url);
            } finally {
                // logged before the state says running: the attach command returns on it, and the line is its proof
                LOG.info("pgjmx {} started ({}; {}); JMX MBeans under pgjmx:*", version(), how, options);
                AgentStatus.running(version(), url);
            }
        });
        if (!how.equals(PREMAIN)) {
            // pools that nobody uses now are found from what the application holds, not on their next use;
            // on the agent's thread, after the MBean server and HTTP are up
            executor.execute(() -> PoolThreads.scan(instrumentation, registry::poolActive));
        }
    }

    private static void registerAgentMBean(AgentOptions options, MonitoredDataSources monitored, String jolokiaUrl) {
        try {
            AgentMBean mbean = new AgentMBean(version(), () -> jolokiaUrl, options.readOnly(), monitored::names);
            PlatformMBeans.register(new ObjectName(AGENT_MBEAN), () -> new DescribedMXBean<>(mbean, AgentMXBean.class));
        } catch (Exception e) {
            LOG.warn("could not register {}: {}", AGENT_MBEAN, e.toString());
        }
    }
}
