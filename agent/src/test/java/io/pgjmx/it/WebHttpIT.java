package io.pgjmx.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgjmx.testing.AgentJvm;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sessions page at the HTTP level, as a browser or an attacker's script would meet it: content types, the
 * security headers, caching, 404 for anything but its own files (traversal attempts sent byte for byte over a
 * socket, so no client normalises them first), the same authentication as the Jolokia endpoint, what the page
 * is told about actions, and the Origin rule that lets the page (and only a page of the same origin) call Jolokia.
 */
class WebHttpIT {

    private static final String USER = "ops";
    private static final String PASSWORD = "web-http-pw";
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; "
            + "require-trusted-types-for 'script'; trusted-types 'none'";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static AgentJvm app;
    private static AgentJvm readOnlyApp;
    private static AgentJvm noWebApp;
    private static String base;
    private static String readOnlyBase;
    private static String noWebBase;

    @BeforeAll
    static void start() throws Exception {
        app = AgentJvm.start("port=0,user=" + USER + ",password=" + PASSWORD);
        readOnlyApp = AgentJvm.start("port=0,user=" + USER + ",password=" + PASSWORD + ",readOnly=true");
        noWebApp = AgentJvm.start("port=0,web=false");
        base = app.jolokiaUrl().replaceFirst("/jolokia/$", "");
        readOnlyBase = readOnlyApp.jolokiaUrl().replaceFirst("/jolokia/$", "");
        noWebBase = noWebApp.jolokiaUrl().replaceFirst("/jolokia/$", "");
    }

    @AfterAll
    static void stop() throws Exception {
        for (AgentJvm p : new AgentJvm[] {app, readOnlyApp, noWebApp}) {
            if (p != null) {
                p.close();
            }
        }
    }

    private static HttpResponse<String> get(String url, boolean credentials, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (credentials) {
            b.header("Authorization", basic(USER, PASSWORD));
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void filesHaveTheirTypesSecurityHeadersAndRevalidation() throws Exception {
        Map<String, String> types = Map.of("/pgjmx/", "text/html; charset=utf-8", "/pgjmx/index.html",
                "text/html; charset=utf-8", "/pgjmx/app.js", "text/javascript; charset=utf-8", "/pgjmx/style.css",
                "text/css; charset=utf-8");
        for (Map.Entry<String, String> e : types.entrySet()) {
            HttpResponse<String> r = get(base + e.getKey(), true);
            assertThat(r.statusCode()).as(e.getKey()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).as(e.getKey()).hasValue(e.getValue());
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(e.getKey()).hasValue(CSP);
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-cache");
            String etag = r.headers().firstValue("ETag").orElseThrow();
            assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");

            HttpResponse<String> again = get(base + e.getKey(), true, "If-None-Match", etag);
            assertThat(again.statusCode()).as("unchanged " + e.getKey()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
        }
        assertThat(get(base + "/pgjmx/", true).body()).isEqualTo(get(base + "/pgjmx/index.html", true).body());
    }

    @Test
    void thePageHasNoInlineScriptOrStyleAndLoadsNothingFromElsewhere() throws Exception {
        String html = get(base + "/pgjmx/", true).body();
        assertThat(html).contains("<script src=\"app.js\" defer></script>", "<link rel=\"stylesheet\" href=\"style.css\">");
        assertThat(html.split("<script", -1)).as("one script element, app.js").hasSize(2);
        assertThat(html).doesNotContainPattern("(?i)<style|\\sstyle=|\\son[a-z]+=|javascript:|https?://");
        String js = get(base + "/pgjmx/app.js", true).body();
        assertThat(js).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                "new Function");
    }

    @Test
    void aPathWithoutTheSlashIsRedirected() throws Exception {
        HttpResponse<String> r = get(base + "/pgjmx", true);
        assertThat(r.statusCode()).isEqualTo(301);
        assertThat(r.headers().firstValue("Location")).hasValue("/pgjmx/");
    }

    @Test
    void unknownNamesAndTraversalAre404() throws Exception {
        URI uri = URI.create(base);
        List<String> paths = List.of("/pgjmx/nope.html", "/pgjmx/../jolokia/", "/pgjmx/%2e%2e/jolokia/",
                "/pgjmx/..%2fMETA-INF%2fMANIFEST.MF", "/pgjmx/../META-INF/MANIFEST.MF", "/pgjmx/..%5c..%5cetc%5cpasswd",
                "/pgjmx//etc/passwd", "/pgjmx/META-INF/pgjmx-web/app.js", "/pgjmx/app.js%00", "/pgjmx/index.html/",
                "/pgjmx/./app.js", "/pgjmx/APP.JS", "/pgjmx/io/pgjmx/agent/AgentOptions.class", "/pgjmx/config/",
                "/pgjmxfoo");
        for (String path : paths) {
            String answer = raw(uri.getHost(), uri.getPort(), "GET " + path + " HTTP/1.1\r\nHost: " + uri.getAuthority()
                    + "\r\nAuthorization: " + basic(USER, PASSWORD) + "\r\nConnection: close\r\n\r\n");
            assertThat(answer).as(path).startsWith("HTTP/1.1 404 ")
                    .endsWith("\r\n\r\nnot found; the sessions page is at /pgjmx/\n");
            assertThat(answer.toLowerCase()).as(path).contains("x-content-type-options: nosniff");
        }
    }

    /** Sends the request bytes as they are and reads the whole answer. */
    private static String raw(String host, int port, String request) throws Exception {
        try (Socket s = new Socket(host, port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void withCredentialsConfiguredThePageNeedsThemToo() throws Exception {
        for (String path : List.of("/pgjmx/", "/pgjmx/index.html", "/pgjmx/app.js", "/pgjmx/config", "/pgjmx/nope")) {
            HttpResponse<String> anonymous = get(base + path, false);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"pgjmx\", charset=\"UTF-8\"");
            assertThat(anonymous.body()).doesNotContain("<html", "pgjmx sessions");
            HttpResponse<String> wrong = CLIENT.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", basic(USER, "not-the-password")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).as(path).isEqualTo(401);
        }
    }

    @Test
    void thePageIsToldWhetherItMayActAndNeverASecret() throws Exception {
        HttpResponse<String> writable = get(base + "/pgjmx/config", true);
        assertThat(writable.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(writable.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(writable.body()).isEqualTo("{\"actions\":true,\"reason\":null,\"readOnly\":false,"
                + "\"authenticated\":true,\"user\":\"ops\",\"jolokia\":\"/jolokia/\"}");

        HttpResponse<String> readOnly = get(readOnlyBase + "/pgjmx/config", true);
        assertThat(readOnly.body()).isEqualTo("{\"actions\":false,\"reason\":\"the agent runs with readOnly=true: every "
                + "cancel and terminate is refused, over JMX and HTTP alike\",\"readOnly\":true,\"authenticated\":true,"
                + "\"user\":\"ops\",\"jolokia\":\"/jolokia/\"}");
        assertThat(writable.body() + readOnly.body()).doesNotContain(PASSWORD);
    }

    @Test
    void onlyGetIsServed() throws Exception {
        HttpResponse<String> post = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/pgjmx/"))
                .header("Authorization", basic(USER, PASSWORD)).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void aForeignHostNameIsRefusedAsOnJolokia() throws Exception {
        URI uri = URI.create(base);
        String answer = raw(uri.getHost(), uri.getPort(), "GET /pgjmx/ HTTP/1.1\r\nHost: rebound.example:" + uri.getPort()
                + "\r\nAuthorization: " + basic(USER, PASSWORD) + "\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 403 ").doesNotContain("<html");
    }

    @Test
    void jolokiaAnswersThePagesOwnOriginAndNoOther() throws Exception {
        String body = "{\"type\":\"read\",\"mbean\":\"pgjmx:type=Agent\",\"attribute\":\"ReadOnly\"}";
        Http http = new Http(base + "/jolokia/", USER, PASSWORD);
        Http.Response own = http.send(HttpRequest.newBuilder(URI.create(base + "/jolokia/"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .header("Origin", base));
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.value()).isEqualTo(false);

        Http.Response foreign = http.send(HttpRequest.newBuilder(URI.create(base + "/jolokia/"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .header("Origin", "http://evil.example"));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.raw().headers().allValues("Access-Control-Allow-Origin")).doesNotContain("http://evil.example", "*");

        Http.Response otherPort = http.send(HttpRequest.newBuilder(URI.create(base + "/jolokia/"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .header("Origin", "http://127.0.0.1:1"));
        assertThat(otherPort.status()).as("another port is another origin").isEqualTo(403);
    }

    @Test
    void overHttpsThePageAndItsOriginRuleHoldToo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path keystore = dir.resolve("web.p12");
        Process keytool = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), "-genkeypair", "-alias", "pgjmx", "-keyalg", "RSA", "-keysize", "2048", "-dname",
                "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "web-store-pw", "-keypass", "web-store-pw")
                .redirectErrorStream(true).start();
        String keytoolOutput = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor()).as(keytoolOutput).isZero();
        java.security.KeyStore trusted = java.security.KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(keystore)) {
            trusted.load(in, "web-store-pw".toCharArray());
        }
        javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
        ssl.init(null, trust.getTrustManagers(), null);
        HttpClient tls = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();

        try (AgentJvm https = AgentJvm.start("port=0,user=" + USER + ",password=" + PASSWORD + ",protocol=https,keystore="
                + keystore + ",keystorePassword=web-store-pw")) {
            String root = https.jolokiaUrl().replaceFirst("/jolokia/$", "");
            assertThat(root).startsWith("https://127.0.0.1:");
            HttpResponse<String> page = tls.send(HttpRequest.newBuilder(URI.create(root + "/pgjmx/"))
                    .header("Authorization", basic(USER, PASSWORD)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(CSP);
            assertThat(tls.send(HttpRequest.newBuilder(URI.create(root + "/pgjmx/")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);

            String body = "{\"type\":\"read\",\"mbean\":\"pgjmx:type=Agent\",\"attribute\":\"ReadOnly\"}";
            Http http = new Http(root + "/jolokia/", USER, PASSWORD, ssl);
            Http.Response own = http.send(HttpRequest.newBuilder(URI.create(root + "/jolokia/"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                    .header("Origin", root));
            assertThat(own.status()).as("the page's own https origin").isEqualTo(200);
            Http.Response plainScheme = http.send(HttpRequest.newBuilder(URI.create(root + "/jolokia/"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                    .header("Origin", root.replaceFirst("^https:", "http:")));
            assertThat(plainScheme.status()).as("http:// is another origin than https://").isEqualTo(403);
        }
    }

    @Test
    void webFalseServesNoPage() throws Exception {
        HttpResponse<String> r = get(noWebBase + "/pgjmx/", false);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).doesNotContain("pgjmx sessions");
        assertThat(get(noWebBase + "/jolokia/version", false).statusCode()).isEqualTo(200);
        assertThat(noWebApp.stderr()).contains("Jolokia HTTP endpoint at " + noWebBase + "/jolokia/")
                .doesNotContain("sessions page at");
        assertThat(app.stderr()).contains("sessions page at " + base + "/pgjmx/");
    }
}
