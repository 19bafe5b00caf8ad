package io.pgjmx.agent.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.pgjmx.agent.jmx.PlatformMBeans;
import io.pgjmx.agent.log.Log;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.jolokia.core.api.LogHandler;
import org.jolokia.jvmagent.JolokiaServer;
import org.jolokia.jvmagent.JolokiaServerConfig;
import org.jolokia.jvmagent.handler.JolokiaHttpHandler;
import org.jolokia.server.core.config.Configuration;
import org.jolokia.server.core.config.SystemPropertyMode;
import org.jolokia.server.core.restrictor.RestrictorFactory;
import org.jolokia.server.core.service.JolokiaServiceManagerFactory;
import org.jolokia.server.core.service.api.JolokiaContext;
import org.jolokia.server.core.service.api.JolokiaServiceManager;
import org.jolokia.server.core.service.impl.ClasspathServiceCreator;
import org.jolokia.server.core.util.NetworkUtil;
import org.slf4j.Logger;

/**
 * Every use of Jolokia's classes, kept out of {@link JolokiaEndpoint} so that loading and verifying the endpoint
 * loads none of them: a process that never gets a {@code /jolokia} request never loads Jolokia (about 225
 * classes and its JSON machinery) nor, for it, the platform MBean server.
 */
final class JolokiaRequests {

    private static final Logger LOG = Log.get(JolokiaEndpoint.class);

    private JolokiaRequests() {
    }

    /**
     * Jolokia's protocol handler, built as {@code JolokiaServer} builds it, from the same {@code config}: the
     * restrictor it names, the services on pgjmx's (relocated) class path, and {@code agentUrl} in the agent
     * details. The queued pgjmx MBeans are registered first, so the first request already sees them.
     */
    static HttpHandler handler(Map<String, String> config, String agentUrl) {
        PlatformMBeans.server();
        Configuration jolokiaConfig = serverConfig(config).getJolokiaConfig();
        LogHandler log = new JolokiaLog();
        JolokiaServiceManager services = JolokiaServiceManagerFactory.createJolokiaServiceManager(jolokiaConfig, log,
                RestrictorFactory.createRestrictor(jolokiaConfig, log), null);
        services.addServices(new ClasspathServiceCreator(JolokiaRequests.class.getClassLoader(), "services"));
        JolokiaContext context = services.start();
        context.getAgentDetails().updateAgentParameters(agentUrl, false);
        HttpHandler handler = new JolokiaHttpHandler(context);
        unregisterJolokiasOwnMBeans();
        return handler;
    }

    /**
     * {@code protocol=https}: the TLS server is built by Jolokia itself, at start, from its own options (keystore,
     * PEM files, client certificates); doing it lazily would mean re-implementing them. The {@code JolokiaServer}
     * is never started, so it creates no context of its own (no {@code /jolokia/config}); the endpoint adds its
     * guarded ones, and the protocol handler still comes from {@link #handler} on the first request.
     */
    static HttpServer httpsServer(Map<String, String> config) throws IOException, ReflectiveOperationException {
        JolokiaServer server = new JolokiaServer(serverConfig(config), new JolokiaLog());
        Field field = JolokiaServer.class.getDeclaredField("httpServer");
        field.setAccessible(true);
        HttpServer https = (HttpServer) field.get(server);
        if (https == null) {
            throw new IllegalStateException("Jolokia's httpServer is not set");
        }
        return https;
    }

    /** The address Jolokia puts in its URL for a wildcard bind: one of this machine's own. */
    static InetAddress localAddress(Class<? extends InetAddress> family) throws IOException {
        return NetworkUtil.getLocalAddress(family);
    }

    private static JolokiaServerConfig serverConfig(Map<String, String> config) {
        // pgjmx's options only: never jolokia.* system properties, which may belong to an application's own Jolokia
        Map<String, String> options = new HashMap<>(config);
        // named here, not by the endpoint: naming the class loads it and with it Jolokia's Restrictor interface
        options.put("restrictorClass", PgjmxRestrictor.class.getName());
        JolokiaServerConfig serverConfig = new JolokiaServerConfig(options, SystemPropertyMode.NEVER);
        serverConfig.setClassLoader(JolokiaRequests.class.getClassLoader());
        return serverConfig;
    }

    /**
     * Jolokia registers {@code jolokia:type=Config} and {@code jolokia:type=ServerHandler} in the platform
     * MBean server for remote management of itself. They are no part of pgjmx's contract, JConsole and
     * jmx_exporter would show them beside the application's own MBeans, and serving requests does not use
     * them; ours (agent id {@code pgjmx}) go, an application's own Jolokia keeps its own.
     */
    private static void unregisterJolokiasOwnMBeans() {
        try {
            MBeanServer mbeans = PlatformMBeans.server();
            for (ObjectName name : mbeans.queryNames(new ObjectName("jolokia:agent=pgjmx,*"), null)) {
                mbeans.unregisterMBean(name);
            }
        } catch (JMException | RuntimeException e) {
            LOG.debug("could not unregister Jolokia's own MBeans: {}", e.toString());
        }
    }
}
