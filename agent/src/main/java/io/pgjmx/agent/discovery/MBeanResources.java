package io.pgjmx.agent.discovery;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * The application objects behind the MBeans registered so far: what a pool registered of itself when
 * asked to (DBCP2's BasicDataSource with {@code jmxName}, HikariCP's pool with {@code registerMbeans}, Tomcat
 * JDBC's pool view, a DataSource exported by Spring or a container). The MBean server hands out no objects, so
 * this reads its repository ({@code JmxMBeanServer.mbsInterceptor.repository}, {@code Repository#retrieve},
 * {@code DynamicMBean2#getResource}).
 *
 * <p>Like {@link ThreadTasks}: defined by {@link PoolThreads} in a loader of its own, to whose module alone
 * {@code com.sun.jmx.mbeanserver} and {@code com.sun.jmx.interceptor} are opened; JDK types only. The
 * repository's lock is the one every {@code queryNames} takes for a moment; nothing here waits for more.
 */
public final class MBeanResources implements Supplier<List<Object>> {

    /**
     * From the MBean servers that exist (the platform one once somebody made it, an application's own): one
     * that does not exist holds no pool's MBean, and making it would cost the application what pgjmx spares it.
     */
    @Override
    public List<Object> get() {
        List<Object> resources = new ArrayList<>();
        for (MBeanServer server : MBeanServerFactory.findMBeanServer(null)) {
            collect(server, resources);
        }
        return resources;
    }

    private static void collect(MBeanServer server, List<Object> resources) {
        try {
            // JmxMBeanServer.mbsInterceptor, a DefaultMBeanServerInterceptor; its repository
            Object interceptor = ThreadTasks.field(server, server.getClass(), "mbsInterceptor");
            Object repository = interceptor == null ? null
                    : ThreadTasks.field(interceptor, interceptor.getClass(), "repository");
            if (repository == null) {
                return;
            }
            Method retrieve = repository.getClass().getDeclaredMethod("retrieve", ObjectName.class);
            retrieve.setAccessible(true);
            for (ObjectName name : server.queryNames(null, null)) {
                Object resource = resource(retrieve.invoke(repository, name));
                // the JDK's own MBeans (java.lang:*, ...) are no pool's
                if (resource != null && resource.getClass().getClassLoader() != null) {
                    resources.add(resource);
                }
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // a JDK laid out otherwise, or an MBean server of another kind: the MBeans tell nothing
        }
    }

    /** A standard MBean or MXBean is registered wrapped in an MBeanSupport, whose resource is the object. */
    private static Object resource(Object mbean) throws ReflectiveOperationException {
        if (mbean == null) {
            return null;
        }
        if (mbean instanceof StandardMBean standard) {
            return standard.getImplementation();
        }
        for (Class<?> c = mbean.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals("com.sun.jmx.mbeanserver.MBeanSupport")) {
                Method getResource = c.getDeclaredMethod("getResource");
                getResource.setAccessible(true);
                return getResource.invoke(mbean);
            }
        }
        return mbean; // a DynamicMBean registered as itself
    }
}
