package io.pgjmx.agent.http;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import io.pgjmx.agent.log.Log;
import io.pgjmx.agent.metrics.Exposition;
import io.pgjmx.agent.options.AgentOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.net.BindException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 * Every request passes {@link RequestGuard} (host, auth, limits) before Jolokia; when the guard cannot be put
 * in place the endpoint does not start.
 */
public final class JolokiaEndpoint {

    private static final Logger LOG = Log.get(JolokiaEndpoint.class);
    /** Reading a request, and separately writing its answer, may take this long before the exchange is dropped. */
    private static final long IO_TIMEOUT_MILLIS = 5_000;

    private JolokiaEndpoint() {
    }

    /**
     * Starts the endpoint, with {@code /metrics} and the sessions page {@code /pgjmx/} beside it when their options are on; returns its URL, or null
     * when it could not start (logged, JMX unaffected).
     */
    public static String start(AgentOptions options, Function<Exposition.Format, String> metricsPage) {
        if (options.user() == null && !isLoopback(options.host())) {
            LOG.error("Jolokia HTTP endpoint not started: host={} reaches beyond this machine and the endpoint has no "
                    + "credentials; set the agent options user and password (better from the config file than the "
                    + "command line), or bind to host=127.0.0.1; JMX works as before", options.host());
            return null;
        }
        Map<String, String> config = new HashMap<>();
        config.put("host", options.host());
        config.put("port", String.valueOf(options.port()));
        config.put("agentContext", "/jolokia");
        config.put("restrictorClass", PgjmxRestrictor.class.getName());
        config.put("discoveryEnabled", "false");
        config.put("includeStackTrace", "false");
        config.put("serializeException", "false");
        config.put("allowErrorDetails", "false");
        config.put("allowDnsReverseLookup", "false");
        config.put("debug", "false");
        config.put("threadNamePrefix", "pgjmx-jolokia-");
        config.put("agentId", "pgjmx");
        config.put("dateFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        // hard limits: a request may ask for less, never for more
        config.put("maxDepth", "15");
        config.put("maxCollectionSize", "10000");
        config.put("maxObjects", "200000");
        config.putAll(options.tls());
        HttpWorkers workers = new HttpWorkers(IO_TIMEOUT_MILLIS);
        JolokiaServer server = null;
        try {
            JolokiaServerConfig serverConfig = new JolokiaServerConfig(config, SystemPropertyMode.NEVER);
            serverConfig.setClassLoader(JolokiaEndpoint.class.getClassLoader());
            server = new JolokiaServer(serverConfig, new JolokiaLog());
            ((HttpServer) field(server, "httpServer")).setExecutor(workers);
            server.start(false);
            guard(server, new RequestGuard(hostNames(options.host()), options.user(), options.password()),
                    options.metrics() ? metricsPage : null,
                    options.web() ? new WebHandler(options.user() != null, options.readOnly()) : null);
            unregisterJolokiasOwnMBeans();
            workers.open();
            String url = server.getUrl().endsWith("/") ? server.getUrl() : server.getUrl() + "/";
            LOG.info("Jolokia HTTP endpoint at {} ({}{}; pgjmx MBeans only){}", url,
                    options.user() != null ? "basic auth" : "no auth, read-only",
                    "true".equals(options.tls().get("useSslClientAuthentication")) ? ", client certificates" : "",
                    (options.metrics() ? "; Prometheus metrics at " + url.replaceFirst("/jolokia/$", MetricsHandler.PATH) : "")
                    + (options.web() ? "; sessions page at " + url.replaceFirst("/jolokia/$", WebHandler.PATH + "/") : ""));
            return url;
        } catch (BindException e) {
            LOG.error("Jolokia HTTP endpoint not started: {}:{} is taken ({}); JMX works as before. Choose another "
                    + "port with the agent option port=N (port=0 takes any free port) or turn HTTP off with jolokia=false",
                    options.host(), options.port(), e.getMessage());
        } catch (IOException | ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.error("Jolokia HTTP endpoint not started on {}:{}: {}; JMX works as before", options.host(),
                    options.port(), e.toString());
            if (server != null) {
                stopQuietly(server);
            }
        }
        workers.shutdown();
        return null;
    }

    /**
     * Jolokia keeps its HTTP contexts private. The guard and the audit need filters on the protocol context, and
     * the extra {@code /jolokia/config} context (a web-console helper that Jolokia serves without auth) is
     * removed. This is pgjmx's own bundled Jolokia, so the fields are known; no request is served before this
     * is done ({@link HttpWorkers#open()}).
     */
    private static void guard(JolokiaServer server, RequestGuard guard, Function<Exposition.Format, String> metricsPage,
            WebHandler web) throws ReflectiveOperationException {
        HttpContext context = (HttpContext) field(server, "httpContext");
        context.setAuthenticator(null);
        context.getFilters().add(0, guard);
        context.getFilters().add(1, new CallerFilter());
        HttpContext configContext = (HttpContext) field(server, "httpConfigContext");
        HttpServer httpServer = (HttpServer) field(server, "httpServer");
        httpServer.removeContext(configContext);
        if (metricsPage != null) {
            // same port, same guard (Host, authentication, limits) as the reads of the Jolokia protocol
            httpServer.createContext(MetricsHandler.PATH, new MetricsHandler(metricsPage)).getFilters().add(guard);
        }
        if (web != null) {
            // the page needs the credentials its own Jolokia calls need: same guard, same Host rule
            httpServer.createContext(WebHandler.PATH, web).getFilters().add(guard);
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

    private static void stopQuietly(JolokiaServer server) {
        try {
            server.stop();
        } catch (RuntimeException e) {
            LOG.debug("stopping the unguarded endpoint: {}", e.toString());
        }
    }

    private static Object field(JolokiaServer server, String name) throws ReflectiveOperationException {
        Field field = JolokiaServer.class.getDeclaredField(name);
        field.setAccessible(true);
        Object value = field.get(server);
        if (value == null) {
            throw new IllegalStateException("Jolokia's " + name + " is not set");
        }
        return value;
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * The names a Host header may give: localhost, the bound address as configured and as resolved, and for a
     * wildcard bind every address of this machine and its name. A browser page served from any other name
     * (DNS rebinding) is refused.
     */
    static Set<String> hostNames(String host) {
        Set<String> names = new HashSet<>(Set.of("localhost", "127.0.0.1", "::1", "0:0:0:0:0:0:0:1"));
        names.add(RequestGuard.hostName(host));
        try {
            InetAddress bound = InetAddress.getByName(host);
            names.add(bound.getHostAddress().toLowerCase(Locale.ROOT));
            if (bound.isAnyLocalAddress()) {
                for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                        String literal = address.getHostAddress().toLowerCase(Locale.ROOT);
                        int scope = literal.indexOf('%');
                        names.add(scope >= 0 ? literal.substring(0, scope) : literal);
                    }
                }
                InetAddress local = InetAddress.getLocalHost();
                names.add(local.getHostName().toLowerCase(Locale.ROOT));
                names.add(local.getCanonicalHostName().toLowerCase(Locale.ROOT));
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("host names of {}: {}", host, e.toString());
        }
        return Set.copyOf(names);
    }
}
