package io.pgjmx.agent;

import io.pgjmx.agent.attach.AgentStatus;
import io.pgjmx.agent.discovery.DataSourceRegistry;
import io.pgjmx.agent.discovery.PoolThreads;
import io.pgjmx.agent.families.PoolFamilies;
import io.pgjmx.agent.http.JolokiaEndpoint;
import io.pgjmx.agent.instrument.DiscoveryInstaller;
import io.pgjmx.agent.jmx.AgentMBean;
import io.pgjmx.agent.jmx.AgentMXBean;
import io.pgjmx.agent.jmx.DescribedMXBean;
import io.pgjmx.agent.log.Log;
import io.pgjmx.agent.metrics.MetricsPage;
import io.pgjmx.agent.options.AgentOptions;
import io.pgjmx.api.ObjectNames;
import io.pgjmx.bridge.PgjmxBridge;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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

    static void start(AgentOptions options, Instrumentation instrumentation, String how) {
        Log.level(options.logLevel());
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "pgjmx");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        MonitoredDataSources monitored = new MonitoredDataSources(options, executor);
        DataSourceRegistry registry = new DataSourceRegistry(executor, PoolFamilies.adapters(), monitored);
        PgjmxBridge.keepBorrowStacks(options.borrowStacks());
        executor.execute(io.pgjmx.agent.holder.BorrowClock::start); // until it ticks, borrows read nanoTime
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
                AgentStatus.running(version(), url);
            }
        });
        // Installing Byte Buddy on a background thread while premain returns at once was tried (see
        // DOCS-startup.md): main began seconds earlier, but a pool built at once waited for it and the whole
        // process took more wall time, CPU and memory than with the installation here
        DiscoveryInstaller.install(instrumentation, PoolFamilies.instrumentations());
        if (!how.equals(PREMAIN)) {
            // pools that nobody uses now are found from what the application holds, not on their next use;
            // on the agent's thread, after the MBean server and HTTP are up
            executor.execute(() -> PoolThreads.scan(instrumentation, registry::poolActive));
        }
        LOG.info("pgjmx {} started ({}; {}); JMX MBeans under pgjmx:*", version(), how, options);
    }

    private static void registerAgentMBean(AgentOptions options, MonitoredDataSources monitored, String jolokiaUrl) {
        try {
            AgentMBean mbean = new AgentMBean(version(), () -> jolokiaUrl, options.readOnly(), monitored::names);
            ManagementFactory.getPlatformMBeanServer().registerMBean(
                    new DescribedMXBean<>(mbean, AgentMXBean.class), new ObjectName(AGENT_MBEAN));
        } catch (Exception e) {
            LOG.warn("could not register {}: {}", AGENT_MBEAN, e.toString());
        }
    }
}
