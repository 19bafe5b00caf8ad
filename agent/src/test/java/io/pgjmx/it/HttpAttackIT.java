package io.pgjmx.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgjmx.testing.AgentJvm;
import io.pgjmx.testing.Db;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a reviewer tried against a live agent, each against the real agent jar in its own JVM: planted secrets,
 * requests that would exhaust a small heap, slow clients, web pages (JSONP, GET actions, DNS rebinding).
 */
class HttpAttackIT {

    private static final String DS = "pgjmx:type=DataSource,name=atk";

    @Test
    void plantedSecretsAppearInNoAnswerNorTheLog() throws Exception {
        List<String> secrets = List.of("http-pw-7Qx", "monitor-pw-8Rz", "sysprop-pw-9Sy", "ds-pw-6Tw");
        Db.pg().createRole("atk_app", secrets.get(3), "pg_signal_backend", "pg_read_all_stats");
        Db.pg().createRole("atk_mon", secrets.get(1), "pg_read_all_stats");
        try (AgentJvm app = AgentJvm.start("port=0,user=ops,password=" + secrets.get(0)
                + ",monitorUser=atk_mon,monitorPassword=" + secrets.get(1), "-Dsome.secret=" + secrets.get(2))) {
            app.send("hikari atk 1 " + Db.url() + " atk_app " + secrets.get(3));
            app.awaitDataSource("atk");
            String url = HttpIT.jolokiaUrl(app);
            Http ops = new Http(url, "ops", secrets.get(0));
            List<Http.Response> answers = new ArrayList<>();
            for (String[] get : List.of(new String[] {"version"}, new String[] {"list"}, new String[] {"search", "*:*"},
                    new String[] {"read", DS}, new String[] {"read", "pgjmx:type=Agent"},
                    new String[] {"read", "java.lang:type=Runtime"}, new String[] {"read", "java.lang:type=Runtime", "SystemProperties"},
                    new String[] {"read", "java.lang:type=Runtime", "InputArguments"},
                    new String[] {"read", "java.lang:type=Runtime", "ClassPath"},
                    new String[] {"read", "java.lang:type=Runtime", "BootClassPath"},
                    new String[] {"read", "java.lang:type=Runtime", "LibraryPath"},
                    new String[] {"read", "java.lang:type=Runtime", "InputArguments,SystemProperties,Name"},
                    new String[] {"read", "java.lang:*"}, new String[] {"read", "*:*"},
                    new String[] {"read", "com.sun.management:type=HotSpotDiagnostic"},
                    new String[] {"exec", "com.sun.management:type=DiagnosticCommand", "vmSystemProperties"},
                    new String[] {"exec", "com.sun.management:type=DiagnosticCommand", "vmCommandLine"},
                    new String[] {"exec", "java.lang:type=Runtime", "getSystemProperties"},
                    new String[] {"read", "no.such:type=Thing", "X"},
                    new String[] {"exec", DS, "showSessions", ""})) {
                answers.add(ops.get(get));
            }
            answers.add(ops.send(HttpRequest.newBuilder(URI.create(url
                    + "read/java.lang:type=Runtime/SystemProperties?includeStackTrace=true&serializeException=true&ignoreErrors=true"))));
            answers.add(ops.send(HttpRequest.newBuilder(URI.create(url
                    + "read/java.lang:*?ignoreErrors=true&includeStackTrace=true"))));
            answers.add(ops.post(Http.exec(DS, "listSessions", "")));
            answers.add(ops.post(Http.exec(DS, "terminateSessions", "colour=blue")));
            answers.add(ops.post("{\"type\":\"config\"}"));
            answers.add(ops.post("{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"SystemProperties\","
                    + "\"config\":{\"includeStackTrace\":\"true\",\"serializeException\":\"true\"}}"));
            answers.add(ops.post("{\"type\":\"exec\",\"mbean\":\"" + DS + "\",\"operation\":\"listSessions\",\"arguments\":[1,2,3]}"));
            answers.add(ops.post("{not json"));
            answers.add(new Http(url).get("read", "java.lang:type=Runtime"));
            answers.add(new Http(url, "ops", "wrong").get("version"));
            for (Http.Response answer : answers) {
                String body = answer.raw().body();
                for (String secret : secrets) {
                    assertThat(body).as(answer.raw().uri().toString()).doesNotContain(secret);
                }
                assertThat(body).as("no stack trace, no shaded class names").doesNotContain("\tat ")
                        .doesNotContain("shaded").doesNotContain("stacktrace").doesNotContain("ClassLoader");
            }
            // the refused parts of java.lang are refused, the allowed ones answer, all of Runtime is the allowed part
            assertThat(answers.get(5).value()).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsOnlyKeys("Name", "Uptime", "StartTime", "VmName", "VmVendor", "VmVersion", "SpecVersion");
            for (int i = 6; i <= 11; i++) {
                assertThat(answers.get(i).status()).as(answers.get(i).raw().uri().toString()).isEqualTo(403);
            }
            assertThat(answers.get(14).error()).as("no hidden MBean's name").doesNotContain("HotSpotDiagnostic");
            assertThat(answers.get(24).status()).as("config").isEqualTo(403);
            assertThat(app.stderr()).as("the log").doesNotContain(secrets.get(0)).doesNotContain(secrets.get(1))
                    .doesNotContain(secrets.get(2));
            assertThat(Arrays.stream(app.stderr().split("\n")).filter(l -> l.contains("[pgjmx]")))
                    .noneMatch(l -> l.contains(secrets.get(3)));
        }
    }

    @Test
    void hugeBodiesAndBulkRequestsLeaveASmallHeapRunning() throws Exception {
        try (AgentJvm app = AgentJvm.start("port=0", "-Xmx48m", "-XX:+ExitOnOutOfMemoryError")) {
            String url = HttpIT.jolokiaUrl(app);
            Http http = new Http(url);
            byte[] huge = new byte[20 * 1024 * 1024];
            Arrays.fill(huge, (byte) 'a');
            byte[] prefix = "{\"type\":\"version\",\"x\":\"".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(prefix, 0, huge, 0, prefix.length);
            Http.Response sized = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(huge)));
            assertThat(sized.httpStatus()).isEqualTo(413);
            assertThat(sized.error()).contains("larger than 1048576 bytes");
            Http.Response chunked = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))));
            assertThat(chunked.httpStatus()).as("without Content-Length").isEqualTo(413);

            String bulk = "[" + String.join(",", java.util.Collections.nCopies(20_000, "{\"type\":\"list\"}")) + "]";
            Http.Response many = http.post(bulk);
            assertThat(many.httpStatus()).isEqualTo(413);
            assertThat(many.error()).contains("at most 100 requests");

            String atLimit = "[" + String.join(",", java.util.Collections.nCopies(100, "{\"type\":\"list\"}")) + "]";
            Http.Response hundred = http.post(atLimit);
            assertThat(hundred.httpStatus()).isEqualTo(200);
            System.out.printf("100 list requests in one bulk: %,d bytes of answer%n", hundred.raw().body().length());

            assertThat(app.isAlive()).as("the application survived; stderr:\n" + app.stderr()).isTrue();
            assertThat(http.get("version").status()).isEqualTo(200);
        }
    }

    @Test
    void slowClientsDoNotBlockOthers() throws Exception {
        try (AgentJvm app = AgentJvm.start("port=0")) {
            int port = URI.create(HttpIT.jolokiaUrl(app)).getPort();
            Http http = new Http(HttpIT.jolokiaUrl(app));
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Socket s = new Socket("127.0.0.1", port);
                    s.getOutputStream().write(("GET /jolokia/version HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
                            .getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    slow.add(s);
                }
                Thread.sleep(300); // the server has taken up the slow requests
                long start = System.nanoTime();
                Http.Response other = http.get("version");
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.printf("a request beside 3 slow-header clients took %d ms%n", millis);
                assertThat(other.status()).isEqualTo(200);
                for (Socket s : slow) {
                    s.setSoTimeout(1);
                    try {
                        int read = s.getInputStream().read();
                        throw new AssertionError("the slow client was answered or dropped (" + read + ") before the "
                                + "other request completed: the other request waited for it");
                    } catch (SocketTimeoutException expected) {
                        // still open: the other request did not wait for the slow one
                    }
                }
                for (Socket s : slow) {
                    s.setSoTimeout(30_000);
                    assertThat(s.getInputStream().read()).as("the server drops a client that never finishes its headers")
                            .isEqualTo(-1);
                }
            } finally {
                for (Socket s : slow) {
                    s.close();
                }
            }
            assertThat(http.get("version").status()).isEqualTo(200);
        }
    }

    @Test
    void webPagesCannotUseTheEndpoint() throws Exception {
        try (AgentJvm app = AgentJvm.start("port=0,user=ops,password=web-pw");
                Connection victim = Db.connect(Db.pg().superUser(), Db.pg().superPassword())) {
            app.send("hikari atk 1 " + Db.url() + " " + Db.pg().superUser() + " " + Db.pg().superPassword());
            app.awaitDataSource("atk");
            int pid = Db.pid(victim);
            String url = HttpIT.jolokiaUrl(app);
            int port = URI.create(url).getPort();
            Http ops = new Http(url, "ops", "web-pw");

            Http.Response jsonp = ops.send(HttpRequest.newBuilder(URI.create(url + "exec/" + DS + "/listSessions/?callback=steal")));
            assertThat(jsonp.raw().headers().firstValue("Content-Type").orElse("")).doesNotContain("javascript");
            assertThat(jsonp.raw().body()).doesNotStartWith("steal(");
            assertThat(jsonp.httpStatus()).isEqualTo(400);

            for (String action : List.of("cancelSession", "terminateSession")) {
                Http.Response get = ops.get("exec", DS, action, String.valueOf(pid));
                assertThat(get.status()).as(action).isEqualTo(403);
                assertThat(get.error()).contains("only by POST with Content-Type: application/json");
            }
            Http.Response form = ops.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString(Http.exec(DS, "terminateSessions", "pid=" + pid))));
            assertThat(form.status()).as("a form or text/plain POST, which a page may send").isEqualTo(403);
            Http.Response preflight = ops.send(HttpRequest.newBuilder(URI.create(url))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "http://page.example")
                    .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "content-type"));
            assertThat(preflight.httpStatus()).isEqualTo(403);
            assertThat(preflight.raw().headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control"));
            assertThat(Db.alive(pid)).isTrue();

            String auth = "Authorization: Basic " + java.util.Base64.getEncoder()
                    .encodeToString("ops:web-pw".getBytes(StandardCharsets.UTF_8)) + "\r\n";
            String foreign = raw(port, "GET /jolokia/version HTTP/1.1\r\nHost: rebound.example:" + port + "\r\n" + auth
                    + "Connection: close\r\n\r\n");
            assertThat(foreign).startsWith("HTTP/1.1 403").doesNotContain("\"value\"");
            String local = raw(port, "GET /jolokia/version HTTP/1.1\r\nHost: localhost:" + port + "\r\n" + auth
                    + "Connection: close\r\n\r\n");
            assertThat(local).startsWith("HTTP/1.1 200").contains("\"agent\"");
        }
    }

    private static String raw(int port, String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
