package io.pgjmx.agent.http;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import io.pgjmx.agent.AgentOptions;
import io.pgjmx.agent.log.Log;
import io.pgjmx.agent.metrics.Exposition;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.net.BindException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.jolokia.jvmagent.JolokiaServer;
import org.jolokia.jvmagent.JolokiaServerConfig;
import org.jolokia.server.core.config.SystemPropertyMode;
import org.slf4j.Logger;

/**
 * The embedded Jolokia HTTP endpoint. It is configured only from pgjmx's options (never from {@code jolokia.*}
 * system properties, which may belong to an application's own Jolokia) and must be started from a daemon
 * thread: the JDK HTTP server's dispatcher inherits that, so the host JVM can still exit when main returns.
 */
public final class JolokiaEndpoint {

    private static final Logger LOG = Log.get(JolokiaEndpoint.class);

    private JolokiaEndpoint() {
    }

    /**
     * Starts the endpoint, with {@code /metrics} beside it when the option is on; returns its URL, or null
     * when it could not start (logged, JMX unaffected).
     */
    public static String start(AgentOptions options, Function<Exposition.Format, String> metricsPage) {
        Map<String, String> config = new HashMap<>();
        config.put("host", options.host());
        config.put("port", String.valueOf(options.port()));
        config.put("agentContext", "/jolokia");
        config.put("restrictorClass", PgjmxRestrictor.class.getName());
        config.put("discoveryEnabled", "false");
        config.put("includeStackTrace", "false");
        config.put("serializeException", "false");
        config.put("allowDnsReverseLookup", "false");
        config.put("debug", "false");
        config.put("threadNamePrefix", "pgjmx-jolokia-");
        config.put("agentId", "pgjmx");
        config.put("dateFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        if (options.user() != null) {
            config.put("user", options.user());
            config.put("password", options.password());
            config.put("realm", "pgjmx");
        }
        try {
            JolokiaServerConfig serverConfig = new JolokiaServerConfig(config, SystemPropertyMode.NEVER);
            serverConfig.setClassLoader(JolokiaEndpoint.class.getClassLoader());
            JolokiaServer server = new JolokiaServer(serverConfig, new JolokiaLog());
            server.start(false);
            adjustContexts(server, options.metrics() ? metricsPage : null); // Jolokia creates its contexts in start()
            unregisterJolokiasOwnMBeans();
            String url = server.getUrl().endsWith("/") ? server.getUrl() : server.getUrl() + "/";
            LOG.info("Jolokia HTTP endpoint at {} ({}; pgjmx MBeans only){}", url,
                    options.user() != null ? "basic auth" : "no auth",
                    options.metrics() ? "; Prometheus metrics at " + url.replaceFirst("/jolokia/$", MetricsHandler.PATH) : "");
            return url;
        } catch (BindException e) {
            LOG.error("Jolokia HTTP endpoint not started: {}:{} is taken ({}); JMX works as before. Choose another "
                    + "port with the agent option port=N (port=0 takes any free port) or turn HTTP off with jolokia=false",
                    options.host(), options.port(), e.getMessage());
        } catch (IOException | RuntimeException | LinkageError e) {
            LOG.error("Jolokia HTTP endpoint not started on {}:{}: {}; JMX works as before", options.host(),
                    options.port(), e.toString());
        }
        return null;
    }

    /**
     * Jolokia keeps its HTTP contexts private. The audit needs a filter on the protocol context, and the
     * extra {@code /jolokia/config} context (a web-console helper, not the protocol) is removed so that only
     * the Jolokia protocol is served. This is pgjmx's own bundled Jolokia, so the fields are known.
     */
    private static void adjustContexts(JolokiaServer server, Function<Exposition.Format, String> metricsPage) {
        try {
            HttpContext context = (HttpContext) field(server, "httpContext");
            if (context != null) {
                context.getFilters().add(new CallerFilter());
            }
            HttpContext configContext = (HttpContext) field(server, "httpConfigContext");
            HttpServer httpServer = (HttpServer) field(server, "httpServer");
            if (configContext != null && httpServer != null) {
                httpServer.removeContext(configContext);
            }
            if (metricsPage != null && httpServer != null && context != null) {
                // same port, same authentication as the reads of the Jolokia protocol
                HttpContext metrics = httpServer.createContext(MetricsHandler.PATH, new MetricsHandler(metricsPage));
                if (context.getAuthenticator() != null) {
                    metrics.setAuthenticator(context.getAuthenticator());
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("could not adjust the Jolokia HTTP contexts: {}", e.toString());
        }
    }

    /**
     * Jolokia registers {@code jolokia:type=Config} and {@code jolokia:type=ServerHandler} in the platform
     * MBean server for remote management of itself. They are no part of pgjmx's contract, JConsole and
     * jmx_exporter would show them beside the application's own MBeans, and serving requests does not use
     * them; ours (agent id {@code pgjmx}) go, an application's own Jolokia keeps its own.
     */
    private static void unregisterJolokiasOwnMBeans() {
        try {
            MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
            for (ObjectName name : mbeans.queryNames(new ObjectName("jolokia:agent=pgjmx,*"), null)) {
                mbeans.unregisterMBean(name);
            }
        } catch (JMException | RuntimeException e) {
            LOG.debug("could not unregister Jolokia's own MBeans: {}", e.toString());
        }
    }

    private static Object field(JolokiaServer server, String name) throws ReflectiveOperationException {
        Field field = JolokiaServer.class.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(server);
    }
}
