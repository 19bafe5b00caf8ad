package io.pgjmx.agent.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import io.pgjmx.agent.log.Log;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;

/**
 * One request and its answer on a connection of {@link PlainHttpServer}, as an {@link HttpExchange}, so that the
 * endpoint's filters and handlers (and Jolokia's) serve it as they serve the JDK's TLS server. The connection is
 * closed after the answer.
 */
final class ChannelExchange extends HttpExchange {

    /** The request line and headers together, at most; a longer head is answered 431. */
    static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_HEADERS = 100;
    private static final Logger LOG = Log.get(PlainHttpServer.class);

    private final PlainHttpServer.Context context;
    private final SocketChannel channel;
    private final String method;
    private final URI uri;
    private final String protocol;
    private final Headers requestHeaders;
    private final Headers responseHeaders = new Headers();
    private final OutputStream socketOut;
    private final Map<String, Object> attributes = new HashMap<>(4);
    private InputStream requestBody;
    private OutputStream responseBody;
    private OutputStream sentBody;
    private int responseCode = -1;
    private boolean closed;

    private ChannelExchange(PlainHttpServer.Context context, SocketChannel channel, Request request, InputStream body,
            OutputStream socketOut) {
        this.context = context;
        this.channel = channel;
        this.method = request.method;
        this.uri = request.uri;
        this.protocol = request.protocol;
        this.requestHeaders = request.headers;
        this.requestBody = body;
        this.socketOut = socketOut;
        this.responseBody = new ResponseBody();
    }

    @Override
    public Headers getRequestHeaders() {
        return requestHeaders;
    }

    @Override
    public Headers getResponseHeaders() {
        return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
        return uri;
    }

    @Override
    public String getRequestMethod() {
        return method;
    }

    @Override
    public HttpContext getHttpContext() {
        return context;
    }

    @Override
    public InputStream getRequestBody() {
        return requestBody;
    }

    @Override
    public OutputStream getResponseBody() {
        return responseBody;
    }

    @Override
    public void sendResponseHeaders(int code, long length) throws IOException {
        if (responseCode >= 0) {
            throw new IOException("the response headers were sent already");
        }
        responseCode = code;
        boolean noBody = length == -1 || code < 200 || code == 204 || code == 304;
        boolean head = "HEAD".equalsIgnoreCase(method);
        StringBuilder h = new StringBuilder(256).append("HTTP/1.1 ").append(code).append(' ').append(reason(code))
                .append("\r\nDate: ").append(Dates.FORMAT.format(ZonedDateTime.now(ZoneOffset.UTC)))
                .append("\r\nConnection: close\r\n");
        if (!noBody && length > 0) {
            h.append("Content-Length: ").append(length).append("\r\n");
        } else if (!noBody) {
            h.append("Transfer-Encoding: chunked\r\n");
        }
        for (Map.Entry<String, List<String>> e : responseHeaders.entrySet()) {
            String name = e.getKey();
            if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")
                    || name.equalsIgnoreCase("Connection") || name.equalsIgnoreCase("Date")) {
                continue; // this server's own
            }
            for (String value : e.getValue()) {
                h.append(name).append(": ").append(controlFree(value)).append("\r\n");
            }
        }
        socketOut.write(h.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        if (noBody || head) {
            sentBody = BodyStreams.none(socketOut);
        } else if (length > 0) {
            sentBody = BodyStreams.fixed(socketOut, length);
        } else {
            sentBody = BodyStreams.chunked(socketOut);
        }
        if (noBody || head) {
            socketOut.flush();
        }
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        try {
            return (InetSocketAddress) channel.getRemoteAddress();
        } catch (IOException e) {
            return new InetSocketAddress(0);
        }
    }

    @Override
    public int getResponseCode() {
        return responseCode;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return context.getServer().getAddress();
    }

    @Override
    public String getProtocol() {
        return protocol;
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
    }

    @Override
    public void setStreams(InputStream i, OutputStream o) {
        if (i != null) {
            requestBody = i;
        }
        if (o != null) {
            responseBody = o;
        }
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return null; // the guard names the user in an attribute (RequestGuard#USER_ATTRIBUTE)
    }

    /** Ends the answer (its last chunk) and flushes it; the connection is closed after. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (sentBody != null) {
                sentBody.close();
            }
            socketOut.flush();
        } catch (IOException e) {
            LOG.debug("finishing an HTTP answer: {}", e.toString());
        }
    }

    /** What {@link #getResponseBody} gives: the body as the headers sent declare it, once they are sent. */
    private final class ResponseBody extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            body().write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            body().write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            if (sentBody != null) {
                sentBody.flush();
            }
        }

        @Override
        public void close() {
            ChannelExchange.this.close();
        }

        private OutputStream body() throws IOException {
            if (sentBody == null) {
                throw new IOException("the response headers are not sent yet (sendResponseHeaders)");
            }
            return sentBody;
        }
    }

    private static String reason(int code) {
        switch (code) {
            case 100: return "Continue";
            case 200: return "OK";
            case 204: return "No Content";
            case 301: return "Moved Permanently";
            case 302: return "Found";
            case 304: return "Not Modified";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 408: return "Request Timeout";
            case 413: return "Content Too Large";
            case 431: return "Request Header Fields Too Large";
            case 500: return "Internal Server Error";
            case 501: return "Not Implemented";
            case 503: return "Service Unavailable";
            case 505: return "HTTP Version Not Supported";
            default: return "Status";
        }
    }

    /** A value without CR or LF: a header value must never start a header or a body of its own. */
    private static String controlFree(String value) {
        return value.indexOf('\r') < 0 && value.indexOf('\n') < 0 ? value : value.replace("\r", "").replace("\n", "");
    }

    static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // gone already
        }
    }

    /** The IMF-fixdate of RFC 9110 (5.6.7), made on the first answer rather than at start. */
    private static final class Dates {
        static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);
    }

    /** The request line and headers as read. */
    private record Request(String method, URI uri, String protocol, Headers headers) {
    }

    /** Refused before any handler saw the request. */
    private static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        BadRequest(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /** Serves one connection: one request, handed to its context's filters and handler, then closed. */
    static final class Serving implements Runnable {
        private final PlainHttpServer server;
        private final SocketChannel channel;

        Serving(PlainHttpServer server, SocketChannel channel) {
            this.server = server;
            this.channel = channel;
        }

        @Override
        public void run() {
            try {
                serve();
            } catch (IOException | RuntimeException e) {
                LOG.debug("HTTP exchange ended: {}", e.toString());
            } finally {
                lingerAndClose(channel);
            }
        }

        /**
         * Ends the answer (FIN), reads what the client has sent and nobody read (a refused request's rest, say),
         * then closes: closed with unread input, the socket would be reset and the client might lose the answer.
         * Only what is already there is read, never waited for.
         */
        private static void lingerAndClose(SocketChannel channel) {
            try {
                channel.shutdownOutput();
                channel.configureBlocking(false);
                java.nio.ByteBuffer unread = java.nio.ByteBuffer.allocate(8192);
                for (int i = 0; i < 32 && channel.read(unread) > 0; i++) {
                    unread.clear();
                }
            } catch (IOException | RuntimeException e) {
                // closed by the client, or interrupted on a deadline: nothing to keep
            } finally {
                closeQuietly(channel);
            }
        }

        private void serve() throws IOException {
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 8192);
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 8192);
            Request request;
            InputStream body;
            try {
                request = readHead(in);
                body = body(request.headers, in);
            } catch (BadRequest e) {
                answer(out, e.status, e.getMessage());
                return;
            }
            PlainHttpServer.Context context = server.contextFor(request.uri.getPath() != null ? request.uri.getPath() : "/");
            if (context == null || context.getHandler() == null) {
                answer(out, 404, "no such path; the endpoint serves /jolokia, /metrics and /pgjmx/");
                return;
            }
            String expect = request.headers.getFirst("Expect");
            if (expect != null && expect.trim().equalsIgnoreCase("100-continue") && body != BodyStreams.EMPTY) {
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
            ChannelExchange exchange = new ChannelExchange(context, channel, request, body, out);
            try {
                new Filter.Chain(context.getFilters(), context.getHandler()).doFilter(exchange);
            } catch (IOException | RuntimeException e) {
                if (exchange.responseCode < 0 && !Thread.currentThread().isInterrupted()) {
                    LOG.debug("HTTP handler failed: {}", e.toString());
                    answer(out, 500, "the request failed in the agent; see the application's log");
                }
                throw e;
            } finally {
                exchange.close();
            }
        }

        /** A short JSON answer from the server itself, as {@link RequestGuard#refuse} gives them. */
        private static void answer(OutputStream out, int status, String message) throws IOException {
            byte[] body = RequestGuard.errorBody(status, message);
            String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\nConnection: close\r\nContent-Type: "
                    + "application/json; charset=utf-8\r\nCache-Control: no-store\r\nContent-Length: " + body.length
                    + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
        }

        private static Request readHead(InputStream in) throws IOException, BadRequest {
            int[] budget = {MAX_HEAD};
            String line = line(in, budget);
            while (line != null && line.isEmpty()) {
                line = line(in, budget); // a CRLF before the request line is allowed (RFC 9112, 2.2)
            }
            if (line == null) {
                throw new IOException("the connection closed before a request");
            }
            String[] parts = line.split(" ", -1);
            if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new BadRequest(400, "the request line must be: METHOD target HTTP/1.1");
            }
            if (!parts[2].equals("HTTP/1.1") && !parts[2].equals("HTTP/1.0")) {
                throw new BadRequest(505, "HTTP/1.0 and HTTP/1.1 are served");
            }
            URI uri;
            try {
                uri = new URI(parts[1]);
            } catch (URISyntaxException e) {
                throw new BadRequest(400, "the request target is not a valid URI");
            }
            Headers headers = new Headers();
            for (int count = 0; ; count++) {
                String header = line(in, budget);
                if (header == null) {
                    throw new IOException("the connection closed inside the request head");
                }
                if (header.isEmpty()) {
                    break;
                }
                int colon = header.indexOf(':');
                if (count >= MAX_HEADERS) {
                    throw new BadRequest(431, "a request may have at most " + MAX_HEADERS + " headers");
                }
                if (colon <= 0 || header.charAt(0) == ' ' || header.charAt(0) == '\t'
                        || header.charAt(colon - 1) == ' ') {
                    throw new BadRequest(400, "a header line must be: Name: value");
                }
                headers.add(header.substring(0, colon), header.substring(colon + 1).trim());
            }
            return new Request(parts[0], uri, parts[2], headers);
        }

        /** A line up to CRLF (or a bare LF), in ISO-8859-1, within the head's budget; null at the end of input. */
        private static String line(InputStream in, int[] budget) throws IOException, BadRequest {
            StringBuilder line = new StringBuilder(64);
            for (int c; (c = in.read()) >= 0; ) {
                if (--budget[0] < 0) {
                    throw new BadRequest(431, "the request head is larger than " + MAX_HEAD + " bytes");
                }
                if (c == '\n') {
                    int end = line.length();
                    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                }
                line.append((char) c);
            }
            return line.length() == 0 ? null : line.toString();
        }

        private static InputStream body(Headers headers, InputStream in) throws BadRequest {
            String coding = headers.getFirst("Transfer-Encoding");
            if (coding != null) {
                if (headers.containsKey("Content-Length")) {
                    throw new BadRequest(400, "Content-Length and Transfer-Encoding together are refused");
                }
                if (!coding.trim().toLowerCase(Locale.ROOT).equals("chunked")) {
                    throw new BadRequest(501, "of the transfer codings only chunked is served");
                }
                return BodyStreams.chunkedInput(in);
            }
            List<String> lengths = headers.get("Content-Length");
            if (lengths == null) {
                return BodyStreams.EMPTY;
            }
            long length = -1;
            for (String value : lengths) {
                long l;
                try {
                    l = Long.parseLong(value.trim());
                } catch (NumberFormatException e) {
                    l = -1;
                }
                if (l < 0 || length >= 0 && l != length) {
                    throw new BadRequest(400, "Content-Length must be one number of bytes");
                }
                length = l;
            }
            return length == 0 ? BodyStreams.EMPTY : BodyStreams.fixedInput(in, length);
        }
    }
}
