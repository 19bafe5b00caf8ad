package io.pgjmx.agent.jmx;

import io.pgjmx.agent.log.Log;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.slf4j.Logger;

/**
 * The one way pgjmx registers and unregisters its MBeans. Creating the platform MBean server costs a fresh JVM
 * about 90 ms of CPU and 10 MiB, which a short-lived process that nobody looks at over JMX should not pay for
 * pgjmx's sake. So, in lazy mode, an MBean is registered at once only when the platform server already exists;
 * otherwise it is queued, and the queue is registered, before the caller goes on, when the server is first
 * obtained: by a JMX client (whose connector creates the server first, so it sees the queued MBeans before its
 * first query), by the application, or by pgjmx itself (the first Jolokia request, {@link #server()}).
 *
 * <p>Somebody else creating the server is noticed by the hook on {@code ManagementFactory#getPlatformMBeanServer}
 * ({@code io.pgjmx.agent.instrument.PlatformServerInstrumentation}), which calls {@link #serverCreated(MBeanServer)}
 * with its result. Lazy is the default; the system property {@value #LAZY_PROPERTY}{@code =false} (outside
 * {@code pgjmx.*}, which is read as agent options) makes every registration obtain the server at once.
 */
public final class PlatformMBeans {

    public static final String LAZY_PROPERTY = "io.pgjmx.agent.lazyMBeans";
    private static final Logger LOG = Log.get(PlatformMBeans.class);
    private static final boolean LAZY = !"false".equals(System.getProperty(LAZY_PROPERTY));
    private static final Object LOCK = new Object();
    /** Waiting for the server, in registration order; guarded by {@link #LOCK}. */
    private static final Map<ObjectName, Supplier<?>> QUEUED = new LinkedHashMap<>();
    /** The platform server once pgjmx has seen it; from then on nothing is queued. */
    private static volatile MBeanServer server;

    private PlatformMBeans() {
    }

    /**
     * Registers the MBean {@code mbean} makes now, or queues it until the platform server exists (lazy mode). It is
     * made only when registered: building an MXBean's info loads the JDK's MXBean introspection, which a process
     * nobody looks at over JMX need not load either.
     */
    public static void register(ObjectName name, Supplier<?> mbean) throws JMException {
        MBeanServer s = existing();
        if (s == null) {
            synchronized (LOCK) {
                s = server;
                if (s == null) {
                    if (QUEUED.putIfAbsent(name, mbean) != null) {
                        throw new InstanceAlreadyExistsException(name.toString());
                    }
                    return;
                }
            }
        }
        s.registerMBean(mbean.get(), name);
    }

    /** Unregisters {@code name}; one still queued is just dropped. */
    public static void unregister(ObjectName name) throws JMException {
        MBeanServer s = server;
        if (s == null) {
            synchronized (LOCK) {
                s = server;
                if (s == null) {
                    if (QUEUED.remove(name) == null) {
                        throw new InstanceNotFoundException(name.toString());
                    }
                    return;
                }
            }
        }
        s.unregisterMBean(name);
    }

    /** The platform server for pgjmx's own use (Jolokia's requests): creates it if need be, queued MBeans first. */
    public static MBeanServer server() {
        MBeanServer s = server;
        if (s != null) {
            return s;
        }
        // never under LOCK: getPlatformMBeanServer is synchronized, and its hook takes LOCK in serverCreated
        s = ManagementFactory.getPlatformMBeanServer();
        serverCreated(s);
        return s;
    }

    /**
     * The platform MBean server exists: registers what is queued, before returning. Meant for the hook on
     * {@code ManagementFactory#getPlatformMBeanServer} (its return value); cheap and harmless when called again.
     */
    public static void serverCreated(MBeanServer platform) {
        if (server != null || platform == null) {
            return;
        }
        synchronized (LOCK) {
            if (server != null) {
                return;
            }
            // the server first: should registering ask for the platform server again (the hook, on this
            // thread), that call returns at once instead of registering the queue twice
            Map<ObjectName, Supplier<?>> queued = new LinkedHashMap<>(QUEUED);
            QUEUED.clear();
            server = platform;
            // still under LOCK, so a concurrent register waits and then goes straight to the server
            for (Map.Entry<ObjectName, Supplier<?>> q : queued.entrySet()) {
                try {
                    platform.registerMBean(q.getValue().get(), q.getKey());
                } catch (JMException | RuntimeException e) {
                    LOG.warn("could not register {}: {}", q.getKey(), e.toString());
                }
            }
        }
    }

    /** The platform server when it is known or exists already (always, unless lazy); null means: queue. */
    private static MBeanServer existing() {
        MBeanServer s = server;
        if (s != null) {
            return s;
        }
        // findMBeanServer sees the platform server (it is made by createMBeanServer) without creating it; an
        // application's own server seen here as well only costs the creation lazy mode would have spared
        return !LAZY || !MBeanServerFactory.findMBeanServer(null).isEmpty() ? server() : null;
    }
}
