package io.pgjmx.agent.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.pgjmx.agent.log.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * {@code /pgjmx/}: the sessions page. A fixed list of files from the agent jar, read on first request and kept
 * (a few tens of KB), so that nothing of the page costs start-up; any other name is 404, which also rules out
 * directory traversal (no name from the request ever reaches a resource lookup). {@code /pgjmx/config} tells
 * the page whether this endpoint lets it act. Behind the same {@link RequestGuard} as {@code /jolokia/}, so the
 * page needs the same credentials as the calls it makes.
 * <p>
 * The page's data never comes from here: the browser asks the same-origin Jolokia endpoint, whose restrictor
 * decides what it may read and do, exactly as for curl.
 */
final class WebHandler implements HttpHandler {

    static final String PATH = "/pgjmx";
    static final String CONFIG = "config";
    private static final Logger LOG = Log.get(WebHandler.class);
    private static final String RESOURCES = "/META-INF/pgjmx-web/";

    /** Served name → content type; "" is the page itself. */
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "style.css", "text/css; charset=utf-8");

    /**
     * Strict: only this origin's own files and connections, nothing inline, no plugins, no framing, and
     * Trusted Types with no policy, so even a mistaken {@code innerHTML} of a database value would throw
     * instead of building markup.
     */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; "
            + "require-trusted-types-for 'script'; trusted-types 'none'";

    private final Map<String, Asset> assets = new ConcurrentHashMap<>();
    private final boolean authenticated;
    private final boolean readOnly;

    /** {@code authenticated}: the endpoint has credentials (only then may HTTP callers act). */
    WebHandler(boolean authenticated, boolean readOnly) {
        this.authenticated = authenticated;
        this.readOnly = readOnly;
    }

    private record Asset(byte[] bytes, String etag) {
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            secure(exchange.getResponseHeaders());
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals(PATH)) {
                // relative URLs in the page (app.js, style.css) need the trailing slash
                exchange.getResponseHeaders().set("Location", PATH + "/");
                send(exchange, 301, "text/plain; charset=utf-8", "the sessions page is at " + PATH + "/\n");
                return;
            }
            String name = path.startsWith(PATH + "/") ? path.substring(PATH.length() + 1) : null;
            if (name != null && name.isEmpty()) {
                name = "index.html";
            }
            if (name == null || !(FILES.containsKey(name) || name.equals(CONFIG))) {
                send(exchange, 404, "text/plain; charset=utf-8", "not found; the sessions page is at " + PATH + "/\n");
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, "text/plain; charset=utf-8", "only GET is served at " + PATH + "/\n");
                return;
            }
            if (name.equals(CONFIG)) {
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                send(exchange, 200, "application/json; charset=utf-8", config(exchange));
                return;
            }
            Asset asset = asset(name);
            if (asset == null) {
                send(exchange, 500, "text/plain; charset=utf-8", "pgjmx could not read its page; see the log\n");
                return;
            }
            // revalidated on every load, so that a new agent's page is never mixed with an old one's script
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.getResponseHeaders().set("ETag", asset.etag());
            String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
            if (ifNoneMatch != null && ifNoneMatch.contains(asset.etag())) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", FILES.get(name));
            exchange.sendResponseHeaders(200, asset.bytes().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(asset.bytes());
            }
        }
    }

    /** Never a secret: whether actions are possible and, when not, why. */
    private String config(HttpExchange exchange) {
        String reason = !authenticated
                ? "the endpoint has no credentials, so over HTTP it is a read-only window; start the agent with the "
                        + "options user and password (HTTP basic auth) to cancel and terminate from this page"
                : readOnly ? "the agent runs with readOnly=true: every cancel and terminate is refused, over JMX and HTTP alike"
                : null;
        Object user = exchange.getAttribute(RequestGuard.USER_ATTRIBUTE);
        return "{\"actions\":" + (reason == null) + ",\"reason\":" + json(reason) + ",\"readOnly\":" + readOnly
                + ",\"authenticated\":" + authenticated + ",\"user\":" + json(user == null ? null : user.toString())
                + ",\"jolokia\":\"/jolokia/\"}";
    }

    private Asset asset(String name) {
        Asset asset = assets.get(name);
        if (asset != null) {
            return asset;
        }
        try (InputStream in = WebHandler.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                LOG.warn("the sessions page's {} is missing from the agent jar", name);
                return null;
            }
            byte[] bytes = in.readAllBytes();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            asset = new Asset(bytes, "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest)
                    .substring(0, 22) + "\"");
            assets.put(name, asset);
            return asset;
        } catch (IOException | NoSuchAlgorithmException e) {
            LOG.warn("reading the sessions page's {}: {}", name, e.toString());
            return null;
        }
    }

    private static void secure(Headers headers) {
        headers.set("Content-Security-Policy", CSP);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        headers.set("Cross-Origin-Resource-Policy", "same-origin");
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (!exchange.getResponseHeaders().containsKey("Cache-Control")) {
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static String json(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
