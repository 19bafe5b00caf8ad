package io.pgjmx.agent.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.pgjmx.agent.log.Log;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The {@code /jolokia} context's handler. Jolokia's request handling is built on the first request that passed
 * the guard, not at start: a short-lived process that nobody asks pays nothing for it. Concurrent first
 * requests build it once; the others wait for it.
 */
final class LazyJolokia implements HttpHandler {

    private static final Logger LOG = Log.get(JolokiaEndpoint.class);

    private final Map<String, String> config;
    private final String agentUrl;
    private volatile HttpHandler jolokia;

    /** {@code config}: Jolokia's options; {@code agentUrl}: the URL Jolokia's agent details give. */
    LazyJolokia(Map<String, String> config, String agentUrl) {
        this.config = Map.copyOf(config);
        this.agentUrl = agentUrl;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        HttpHandler handler = jolokia;
        if (handler == null) {
            try {
                handler = build();
            } catch (RuntimeException | LinkageError e) {
                // the next request tries again; this one gets valid JSON, not a reset connection
                LOG.error("Jolokia could not be set up: {}; /metrics and JMX work as before", e.toString());
                try (exchange) {
                    RequestGuard.refuse(exchange, 500, "the Jolokia protocol handler could not be set up; see the application's log");
                }
                return;
            }
        }
        handler.handle(exchange);
    }

    private synchronized HttpHandler build() {
        if (jolokia == null) {
            jolokia = JolokiaRequests.handler(config, agentUrl);
            LOG.debug("Jolokia's request handling built on the first request to /jolokia");
        }
        return jolokia;
    }
}
