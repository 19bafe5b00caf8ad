package io.pgjmx.agent.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The agent's plain HTTP server on real sockets, spoken to byte by byte as a client would. */
class PlainHttpServerTest {

    private PlainHttpServer server;
    private HttpWorkers workers;

    @BeforeEach
    void start() throws IOException {
        workers = new HttpWorkers(5_000);
        server = new PlainHttpServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.setExecutor(workers);
        // answers "METHOD PATH BODY-LENGTH USER": what the server handed the handler, after the filter ran
        server.createContext("/echo", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            byte[] answer = (exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + body.length
                    + " " + exchange.getAttribute("user")).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }).getFilters().add(new Filter() {
            @Override
            public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
                exchange.setAttribute("user", exchange.getRequestHeaders().getFirst("X-User"));
                chain.doFilter(exchange);
            }

            @Override
            public String description() {
                return "names the user";
            }
        });
        // an answer of unknown length: chunked
        server.createContext("/stream", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("first,".getBytes(StandardCharsets.UTF_8));
                out.flush();
                out.write("second".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
        workers.open();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        workers.shutdown();
    }

    @Test
    void aBodyByLengthReachesTheHandlerAfterItsFiltersAndTheAnswerIsFramedByLength() throws IOException {
        String answer = exchange("POST /echo/x?q=1 HTTP/1.1\r\nHost: h\r\nX-User: ops\r\nContent-Length: 5\r\n\r\nhello");
        assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nConnection: close\r\n")
                .contains("\r\nContent-Length: 18\r\n").contains("\r\nContent-type: text/plain\r\n")
                .endsWith("\r\n\r\nPOST /echo/x 5 ops");
    }

    @Test
    void aChunkedBodyIsDecodedExactly() throws IOException {
        String answer = exchange("POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=1\r\nhello\r\n10\r\n0123456789abcdef\r\n0\r\nTrailer: t\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nPOST /echo 21 null");
    }

    @Test
    void expectContinueIsAnsweredBeforeTheBodyIsSent() throws IOException {
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            out.write("POST /echo HTTP/1.1\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            byte[] interim = s.getInputStream().readNBytes("HTTP/1.1 100 Continue\r\n\r\n".length());
            assertThat(new String(interim, StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
            out.write("abc".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            assertThat(readAll(s.getInputStream())).startsWith("HTTP/1.1 200 OK\r\n").endsWith("POST /echo 3 null");
        }
    }

    @Test
    void anAnswerOfUnknownLengthIsChunkedAndEnds() throws IOException {
        String answer = exchange("GET /stream HTTP/1.1\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nTransfer-Encoding: chunked\r\n")
                .endsWith("\r\n\r\n6\r\nfirst,\r\n6\r\nsecond\r\n0\r\n\r\n");
    }

    @Test
    void aHeadAnswerHasNoBody() throws IOException {
        String answer = exchange("HEAD /echo HTTP/1.1\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nContent-Length: 17\r\n").endsWith("\r\n\r\n"); // "HEAD /echo 0 null", not sent
    }

    @Test
    void malformedRequestsAreRefusedWithWhatWasWrong() throws IOException {
        assertThat(exchange("GARBAGE\r\n\r\n")).startsWith("HTTP/1.1 400 Bad Request\r\n")
                .endsWith("{\"status\":400,\"error\":\"the request line must be: METHOD target HTTP/1.1\"}");
        assertThat(exchange("GET /echo HTTP/2.0\r\n\r\n")).startsWith("HTTP/1.1 505 ");
        assertThat(exchange("GET /echo HTTP/1.1\r\n folded: header\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(exchange("POST /echo HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd"))
                .startsWith("HTTP/1.1 400 ").contains("Content-Length must be one number");
        assertThat(exchange("POST /echo HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n")).startsWith("HTTP/1.1 501 ");
        assertThat(exchange("GET /echo HTTP/1.1\r\nX: " + "a".repeat(ChannelExchange.MAX_HEAD) + "\r\n\r\n"))
                .startsWith("HTTP/1.1 431 ");
        assertThat(exchange("GET /elsewhere HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 404 Not Found\r\n");
    }

    @Test
    void theLongestMatchingContextServesAndAStoppedServerIsClosed() throws IOException {
        server.createContext("/echo/deeper", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        assertThat(exchange("GET /echo/deeper/x HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 204 No Content\r\n")
                .doesNotContain("Content-Length").doesNotContain("Transfer-Encoding");
        assertThat(exchange("GET /echo/other HTTP/1.0\r\n\r\n")).endsWith("GET /echo/other 0 null");
        server.stop(0);
        assertThatThrownBy(this::connect).isInstanceOf(ConnectException.class);
    }

    private String exchange(String request) throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return readAll(s.getInputStream());
        }
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(server.getAddress().getAddress(), server.getAddress().getPort());
        s.setSoTimeout(10_000);
        return s;
    }

    /** Until the server closes the connection, as it does after every answer. */
    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toString(StandardCharsets.ISO_8859_1);
    }
}
