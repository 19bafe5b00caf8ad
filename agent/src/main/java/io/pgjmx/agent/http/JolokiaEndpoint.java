package io.pgjmx.agent.http;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import io.pgjmx.agent.log.Log;
import io.pgjmx.agent.metrics.Exposition;
import io.pgjmx.agent.options.AgentOptions;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * The embedded Jolokia HTTP endpoint: an HTTP server on pgjmx's port ({@link PlainHttpServer}; with TLS the JDK's,
 * as Jolokia builds it), with Jolokia's protocol at {@code /jolokia} (set up on its first request) and
 * {@code /metrics} and {@code /pgjmx/} beside it. Jolokia is
 * configured only from pgjmx's options (never from {@code jolokia.*} system properties, which may belong to an
 * application's own Jolokia). The endpoint must be started from a daemon thread: the JDK HTTP server's
 * dispatcher inherits that, so the host JVM can still exit when main returns (the plain server's threads are
 * daemons of their own). Every request passes
 * {@link RequestGuard} (host, auth, limits) before Jolokia; when the guard cannot be put in place the endpoint
 * does not start.
 */
public final class JolokiaEndpoint {

    private static final Logger LOG = Log.get(JolokiaEndpoint.class);
    /** Reading a request, and separately writing its answer, may take this long before the exchange is dropped. */
    private static final long IO_TIMEOUT_MILLIS = 5_000;
    private static final String CONTEXT = "/jolokia";
    /** Jolokia's default listen backlog. */
    private static final int BACKLOG = 10;

    private JolokiaEndpoint() {
    }

    /**
     * Starts the endpoint, with {@code /metrics} and the sessions page {@code /pgjmx/} beside it when their options are on; returns its URL, or null
     * when it could not start (logged, JMX unaffected). The port is bound here; Jolokia itself is set up on the
     * first {@code /jolokia} request ({@link LazyJolokia}).
     */
    public static String start(AgentOptions options, Function<Exposition.Format, String> metricsPage) {
        if (options.user() == null && !isLoopback(options.host())) {
            LOG.error("Jolokia HTTP endpoint not started: host={} reaches beyond this machine and the endpoint has no "
                    + "credentials; set the agent options user and password (better from the config file than the "
                    + "command line), or bind to host=127.0.0.1; JMX works as before", options.host());
            return null;
        }
        Map<String, String> config = jolokiaConfig(options);
        HttpWorkers workers = new HttpWorkers(IO_TIMEOUT_MILLIS);
        HttpServer server = null;
        try {
            server = options.https() ? JolokiaRequests.httpsServer(config)
                    : new PlainHttpServer(new InetSocketAddress(InetAddress.getByName(options.host()), options.port()), BACKLOG);
            server.setExecutor(workers);
            String url = url(options.https() ? "https" : "http", server.getAddress());
            guard(server, new LazyJolokia(config, url.substring(0, url.length() - 1)),
                    new RequestGuard(hostNames(options.host()), options.user(), options.password()),
                    options.metrics() ? metricsPage : null,
                    options.web() ? new WebHandler(options.user() != null, options.readOnly()) : null);
            server.start();
            StopAtExit.register(server);
            workers.open();
            String root = url.substring(0, url.length() - CONTEXT.length() - 1);
            LOG.info("Jolokia HTTP endpoint at {} ({}{}; pgjmx MBeans only){}", url,
                    options.user() != null ? "basic auth" : "no auth, read-only",
                    "true".equals(options.tls().get("useSslClientAuthentication")) ? ", client certificates" : "",
                    (options.metrics() ? "; Prometheus metrics at " + root + MetricsHandler.PATH : "")
                    + (options.web() ? "; sessions page at " + root + WebHandler.PATH + "/" : ""));
            return url;
        } catch (BindException e) {
            LOG.error("Jolokia HTTP endpoint not started: {}:{} is taken ({}); JMX works as before. Choose another "
                    + "port with the agent option port=N (port=0 takes any free port) or turn HTTP off with jolokia=false",
                    options.host(), options.port(), e.getMessage());
        } catch (IOException | ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.error("Jolokia HTTP endpoint not started on {}:{}: {}; JMX works as before", options.host(),
                    options.port(), e.toString());
            if (server != null) {
                server.stop(0);
            }
        }
        workers.shutdown();
        return null;
    }

    /** Jolokia's options, from pgjmx's alone (the restrictor is added by {@link JolokiaRequests}). */
    private static Map<String, String> jolokiaConfig(AgentOptions options) {
        Map<String, String> config = new HashMap<>();
        config.put("host", options.host());
        config.put("port", String.valueOf(options.port()));
        config.put("agentContext", CONTEXT);
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
        return config;
    }

    /**
     * The contexts, each behind the guard (Host, authentication, limits): the Jolokia protocol, with the audit's
     * caller too, and {@code /metrics} and the sessions page when on. Jolokia's {@code /jolokia/config} (a
     * web-console helper Jolokia would serve without auth) is not served. No request is served before this is
     * done ({@link HttpWorkers#open()}).
     */
    private static void guard(HttpServer server, LazyJolokia jolokia, RequestGuard guard,
            Function<Exposition.Format, String> metricsPage, WebHandler web) {
        HttpContext context = server.createContext(CONTEXT, jolokia);
        context.getFilters().add(guard);
        context.getFilters().add(new CallerFilter());
        if (metricsPage != null) {
            server.createContext(MetricsHandler.PATH, new MetricsHandler(metricsPage)).getFilters().add(guard);
        }
        if (web != null) {
            // the page needs the credentials its own Jolokia calls need: same guard, same Host rule
            server.createContext(WebHandler.PATH, web).getFilters().add(guard);
        }
    }

    /**
     * The URL as Jolokia gives it (its {@code detectAgentUrl}), with the trailing slash: the bound address, or for
     * a wildcard bind one of this machine's addresses; an IPv6 address in brackets without its scope.
     */
    static String url(String protocol, InetSocketAddress bound) {
        InetAddress address = bound.getAddress();
        if (address.isAnyLocalAddress()) {
            try {
                address = JolokiaRequests.localAddress(Boolean.getBoolean("java.net.preferIPv6Addresses")
                        && address instanceof Inet6Address ? Inet6Address.class : Inet4Address.class);
            } catch (IOException e) {
                try {
                    address = InetAddress.getLocalHost();
                } catch (UnknownHostException unknown) {
                    // keep the wildcard address
                }
            }
        }
        String host = address.getHostAddress();
        if (address instanceof Inet6Address) {
            int scope = host.indexOf('%');
            host = "[" + (scope >= 0 ? host.substring(0, scope) : host) + "]";
        }
        return protocol + "://" + host + ":" + bound.getPort() + CONTEXT + "/";
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
