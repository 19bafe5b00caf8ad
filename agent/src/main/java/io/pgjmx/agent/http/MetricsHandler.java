package io.pgjmx.agent.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.pgjmx.agent.log.Log;
import io.pgjmx.agent.metrics.Exposition;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * {@code /metrics} beside {@code /jolokia/}: the page in the format the scraper's {@code Accept} asks for.
 * A scrape reads each DataSource's snapshot, so it costs at most one query per DataSource and never waits
 * longer than the monitoring connection's timeout.
 */
final class MetricsHandler implements HttpHandler {

    static final String PATH = "/metrics";
    private static final Logger LOG = Log.get(MetricsHandler.class);

    private final Function<Exposition.Format, String> page;

    MetricsHandler(Function<Exposition.Format, String> page) {
        this.page = page;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                send(exchange, 404, "text/plain; charset=utf-8", "not found; the metrics are at " + PATH + "\n", true);
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "only GET and HEAD are served at " + PATH + "\n", true);
                return;
            }
            Exposition.Format format = Exposition.negotiate(exchange.getRequestHeaders().getFirst("Accept"));
            String body;
            try {
                body = page.apply(format);
            } catch (RuntimeException e) {
                LOG.warn("rendering {} failed: {}", PATH, e.toString());
                send(exchange, 500, "text/plain; charset=utf-8", "pgjmx could not render the metrics; see the "
                        + "application's log\n", true);
                return;
            }
            send(exchange, 200, format.contentType(), body, method.equals("GET"));
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body, boolean withBody)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, withBody ? bytes.length : -1);
        if (withBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
