package io.pgjmx.agent.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * Everything decided about an HTTP request before Jolokia sees it: the Host header (a page served by a
 * rebound DNS name must not reach the endpoint), basic auth, no JSONP, and a bounded body and bulk count,
 * read here in full so that Jolokia parses at most {@link #MAX_BODY} bytes. It runs before the JDK's own
 * authenticator would, so it authenticates itself and can name the user for the audit line.
 */
final class RequestGuard extends Filter {

    static final int MAX_BODY = 1024 * 1024;
    static final int MAX_BULK = 100;
    static final String USER_ATTRIBUTE = "io.pgjmx.http.user";
    /** An over-limit body is read to its end (up to this much) so that the client sees the 413, not a reset. */
    private static final long MAX_DRAIN = 64L * 1024 * 1024;

    private final Set<String> hostNames;
    private final byte[] user;
    private final byte[] password;

    RequestGuard(Set<String> hostNames, String user, String password) {
        this.hostNames = hostNames;
        this.user = user == null ? null : user.getBytes(StandardCharsets.UTF_8);
        this.password = password == null ? null : password.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host != null && !hostNames.contains(hostName(host))) {
            refuse(exchange, 403, "the Host header must name the address the endpoint is bound to or localhost");
            return;
        }
        String authenticated = null;
        if (user != null) {
            authenticated = authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
            if (authenticated == null) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"pgjmx\", charset=\"UTF-8\"");
                refuse(exchange, 401, "this endpoint needs HTTP basic auth (the agent options user and password)");
                return;
            }
        }
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null && ("&" + query).toLowerCase(Locale.ROOT).contains("&callback=")) {
            refuse(exchange, 400, "JSONP (the callback parameter) is not served; call the endpoint with plain JSON");
            return;
        }
        boolean post = "POST".equalsIgnoreCase(exchange.getRequestMethod());
        if (!post && !"GET".equalsIgnoreCase(exchange.getRequestMethod())) {
            // OPTIONS above all: a refused preflight keeps a page on another origin from sending a JSON POST
            refuse(exchange, 403, "only GET and POST are served; cross-origin requests are refused");
            return;
        }
        if (post && !readBody(exchange)) {
            return;
        }
        if (!HttpWorkers.requestRead()) {
            throw new IOException("request not read in time");
        }
        exchange.setStreams(null, new WritingMark(new JsonEscapeRepair(exchange.getResponseBody())));
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        boolean json = contentType != null && contentType.trim().toLowerCase(Locale.ROOT).startsWith("application/json");
        if (authenticated != null) {
            exchange.setAttribute(USER_ATTRIBUTE, authenticated);
        }
        HttpCaller.set(new HttpCaller(authenticated, post && json, sameOrigin(exchange, host)));
        try {
            chain.doFilter(exchange);
        } finally {
            HttpCaller.set(null);
        }
    }

    /**
     * The request's own origin ({@code scheme://Host}) when its {@code Origin} header is exactly that, else null.
     * The Host header has passed the check above, so a page on another name (DNS rebinding) never gets here.
     */
    static String sameOrigin(HttpExchange exchange, String host) {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin == null || host == null) {
            return null;
        }
        String own = (exchange instanceof HttpsExchange ? "https://" : "http://") + host.trim().toLowerCase(Locale.ROOT);
        return own.equals(origin.trim().toLowerCase(Locale.ROOT)) ? origin : null;
    }

    private boolean readBody(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        InputStream in = exchange.getRequestBody();
        if (length != null && parseLength(length) > MAX_BODY) {
            tooLarge(exchange, in, "the request body is larger than " + MAX_BODY + " bytes");
            return false;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            if (body.size() + n > MAX_BODY) {
                tooLarge(exchange, in, "the request body is larger than " + MAX_BODY + " bytes");
                return false;
            }
            body.write(buffer, 0, n);
        }
        byte[] bytes = body.toByteArray();
        if (BulkCount.of(bytes) > MAX_BULK) {
            refuse(exchange, 413, "a bulk request may hold at most " + MAX_BULK + " requests");
            return false;
        }
        exchange.setStreams(new ByteArrayInputStream(bytes), null);
        return true;
    }

    private static long parseLength(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static void tooLarge(HttpExchange exchange, InputStream in, String message) throws IOException {
        byte[] buffer = new byte[8192];
        long drained = 0;
        for (int n; drained < MAX_DRAIN && (n = in.read(buffer)) >= 0; ) {
            drained += n;
        }
        refuse(exchange, 413, message);
    }

    private String authenticate(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(header.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
        String pair = new String(decoded, StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String givenUser = pair.substring(0, colon);
        boolean userOk = MessageDigest.isEqual(user, givenUser.getBytes(StandardCharsets.UTF_8));
        boolean passwordOk = MessageDigest.isEqual(password, pair.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
        return userOk && passwordOk ? givenUser : null;
    }

    /** {@code name:port}, {@code [v6]:port} or a bare name, lower-cased, without brackets or port. */
    static String hostName(String header) {
        String h = header.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 ? h.substring(1, end) : h;
        }
        int colon = h.indexOf(':');
        if (colon >= 0 && colon == h.lastIndexOf(':')) {
            h = h.substring(0, colon);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    static void refuse(HttpExchange exchange, int status, String message) throws IOException {
        byte[] body = errorBody(status, message);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The endpoint's JSON for a refused request, as Jolokia's errors look: {@code {"status":N,"error":"..."}}. */
    static byte[] errorBody(int status, String message) {
        return ("{\"status\":" + status + ",\"error\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String description() {
        return "pgjmx request guard";
    }

    /** Tells the workers when the answer starts, so that writing it to a client that does not read is bounded. */
    private static final class WritingMark extends FilterOutputStream {
        private boolean marked;

        WritingMark(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            mark();
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            mark();
            out.write(b, off, len);
        }

        private void mark() {
            if (!marked) {
                marked = true;
                HttpWorkers.writing();
            }
        }
    }
}
