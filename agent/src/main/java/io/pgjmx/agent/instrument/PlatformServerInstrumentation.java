package io.pgjmx.agent.instrument;

import static io.pgjmx.agent.instrument.MethodMatch.noArgs;

/**
 * {@code ManagementFactory.getPlatformMBeanServer()} returning. Creating the platform MBean server costs a
 * fresh JVM about 90 ms of CPU and 10 MiB, so the agent does not create it at start: it registers its MBeans
 * when somebody else does (a JMX client attaching, the application, Jolokia's first request), in the same
 * call, before the caller can look ({@code io.pgjmx.bridge.PgjmxBridge#platformMBeanServerReady}).
 */
public final class PlatformServerInstrumentation implements LibraryInstrumentation {

    /** A constant: the premain gate names it without loading this class. */
    static final String MANAGEMENT_FACTORY = "java.lang.management.ManagementFactory";

    @Override
    public void addTo(HookTable table) {
        table.add(MANAGEMENT_FACTORY, noArgs("getPlatformMBeanServer"), Hook.onReturn("platformMBeanServerObtained", Hook.Value.RETURNED));
    }
}
