package io.pgjmx.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgjmx.testing.AgentJvm;
import io.pgjmx.testing.Db;
import io.pgjmx.testing.Eventually;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Auth (without credentials a read-only window), read-only, a taken port, an application with its own Jolokia,
 * and a JVM that must still exit.
 */
class HttpSecurityIT {

    private static final String DS = "pgjmx:type=DataSource,name=sec";

    @Test
    void withoutCredentialsHttpReadsButNeverActs() throws Exception {
        try (AgentJvm app = AgentJvm.start("port=0");
                Connection victim = Db.connect(Db.pg().superUser(), Db.pg().superPassword())) {
            app.send("hikari sec 1 " + Db.url() + " " + Db.pg().superUser() + " " + Db.pg().superPassword());
            app.awaitDataSource("sec");
            int pid = Db.pid(victim);
            Http http = new Http(HttpIT.jolokiaUrl(app));
            assertThat(http.get("version").status()).isEqualTo(200);
            assertThat(http.get("read", DS, "Name").value()).isEqualTo("sec");
            assertThat(Http.rows(http.post(Http.exec(DS, "listSessions", "pid=" + pid)))).hasSize(1);
            assertThat((String) http.get("exec", DS, "showSessions", "pid=" + pid).value()).contains(String.valueOf(pid));
            for (String action : List.of("terminateSessions", "cancelSessions")) {
                Http.Response refused = http.post(Http.exec(DS, action, "pid=" + pid));
                assertThat(refused.status()).as(action).isEqualTo(403);
                assertThat(refused.error()).contains(action).contains("user and password").contains("JMX");
                assertThat(refused.json()).doesNotContainKey("value");
            }
            for (String action : List.of("terminateSession", "cancelSession")) {
                assertThat(http.post(Http.exec(DS, action, pid)).status()).as(action).isEqualTo(403);
                assertThat(http.get("exec", DS, action, String.valueOf(pid)).status()).as(action).isEqualTo(403);
            }
            Http.Response bulk = http.post("[" + Http.exec(DS, "terminateSessions", "all") + ","
                    + Http.exec(DS, "listSessions", "pid=" + pid) + "]");
            assertThat(bulk.raw().body()).contains("\"status\":403").contains("\"status\":200");
            assertThat(Db.alive(pid)).isTrue();
            assertThat(app.stderr()).contains("no auth, read-only").doesNotContain("AUDIT");
        }
    }

    @Test
    void withCredentialsEveryRequestNeedsThemAndActionsWork() throws Exception {
        try (AgentJvm app = AgentJvm.start("port=0,user=ops,password=act-pw");
                Connection victim = Db.connect(Db.pg().superUser(), Db.pg().superPassword())) {
            app.send("hikari sec 1 " + Db.url() + " " + Db.pg().superUser() + " " + Db.pg().superPassword());
            app.awaitDataSource("sec");
            int pid = Db.pid(victim);
            String url = HttpIT.jolokiaUrl(app);
            Http anonymous = new Http(url);
            for (Http.Response r : List.of(anonymous.get("version"), anonymous.get("read", DS, "Name"),
                    anonymous.get("list"), anonymous.get("search", "*:*"),
                    anonymous.post(Http.exec(DS, "listSessions", "")),
                    anonymous.post(Http.exec(DS, "terminateSessions", "pid=" + pid)))) {
                assertThat(r.httpStatus()).isEqualTo(401);
                assertThat(r.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
                assertThat(r.raw().body()).doesNotContain("\"value\"");
            }
            assertThat(Db.alive(pid)).isTrue();
            Http ops = new Http(url, "ops", "act-pw");
            Http.Response forged = ops.post("{\"type\":\"exec\",\"mbean\":\"" + DS + "\",\"operation\":\"terminateSessions\","
                    + "\"arguments\":[\"pid=" + pid + "\\n[pgjmx] INFO Audit - AUDIT caller=\\\"forged\\\" result=ok\"]}");
            assertThat(forged.status()).isNotEqualTo(200);
            assertThat(Db.alive(pid)).isTrue();
            assertThat(app.stderr().lines().filter(l -> l.contains("forged")))
                    .as("a newline in the filter writes one audit line, not two").hasSize(1)
                    .allMatch(l -> l.contains("AUDIT caller=\"http(user=ops, from=127.0.0.1)\"") && l.contains("\\n[pgjmx]"));
            Http.Response terminated = ops.post(Http.exec(DS, "terminateSessions", "pid=" + pid));
            assertThat(terminated.status()).isEqualTo(200);
            assertThat(((List<?>) terminated.value()).stream().map(v -> ((Number) v).intValue())).containsExactly(pid);
            assertThat(Db.alive(pid)).isFalse();
            assertThat(app.stderr()).contains("AUDIT caller=\"http(user=ops, from=127.0.0.1)\" datasource=sec action=terminate");
        }
    }

    @Test
    void httpsWithAKeystoreAndNoPlainHttpOnItsPort(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("pgjmx.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "pgjmx", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "tls-store-pw", "-keypass", "tls-store-pw")
                .redirectErrorStream(true).start();
        String keytoolOutput = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor()).as(keytoolOutput).isZero();
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trusted.load(in, "tls-store-pw".toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, trust.getTrustManagers(), null);

        try (AgentJvm app = AgentJvm.start("port=0,user=ops,password=tls-pw,protocol=https,keystore=" + keystore
                + ",keystorePassword=tls-store-pw")) {
            app.send("hikari sec 1 " + Db.url() + " " + Db.pg().superUser() + " " + Db.pg().superPassword());
            app.awaitDataSource("sec");
            String url = HttpIT.jolokiaUrl(app);
            assertThat(url).as(app.stderr()).matches("https://127\\.0\\.0\\.1:\\d+/jolokia/");
            Http https = new Http(url, "ops", "tls-pw", ssl);
            assertThat(https.get("read", DS, "Name").value()).isEqualTo("sec");
            assertThat(new Http(url, null, null, ssl).get("version").httpStatus()).isEqualTo(401);

            int port = URI.create(url).getPort();
            String plain;
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write(("GET /jolokia/version HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic "
                        + Base64.getEncoder().encodeToString("ops:tls-pw".getBytes(StandardCharsets.UTF_8))
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                ByteArrayOutputStream answer = new ByteArrayOutputStream();
                try {
                    s.getInputStream().transferTo(answer);
                } catch (IOException closed) {
                    // a TLS server may reset a plain-text client: that is an answer too
                }
                plain = answer.toString(StandardCharsets.ISO_8859_1);
            }
            assertThat(plain).as("plain HTTP on the HTTPS port").doesNotStartWith("HTTP/").doesNotContain("\"agent\"");
            assertThat(app.stderr()).doesNotContain("tls-store-pw").doesNotContain("tls-pw");
        }
    }

    @Test
    void bindingBeyondLoopbackNeedsCredentials() throws Exception {
        try (AgentJvm app = AgentJvm.start("port=0,host=0.0.0.0")) {
            app.send("hikari sec 1 " + Db.url() + " " + Db.pg().superUser() + " " + Db.pg().superPassword());
            assertThat(new Mbeans(app.jmx(), app.awaitDataSource("sec")).pids("own=true")).hasSize(1);
            assertThat(HttpIT.jolokiaUrl(app)).isEmpty();
            assertThat(app.stderr()).contains("Jolokia HTTP endpoint not started: host=0.0.0.0")
                    .contains("set the agent options user and password");
        }
    }

    @Test
    void basicAuthIsRequiredAndThePasswordNeverShown() throws Exception {
        try (AgentJvm app = AgentJvm.start("port=0,user=ops,password=s3cret-pw")) {
            app.send("hikari sec 1 " + Db.url() + " " + Db.pg().superUser() + " " + Db.pg().superPassword());
            String url = HttpIT.jolokiaUrl(app);
            assertThat(new Http(url).get("version").httpStatus()).isEqualTo(401);
            assertThat(new Http(url, "ops", "wrong").get("version").httpStatus()).isEqualTo(401);
            assertThat(new Http(url).post(Http.exec(DS, "terminateSessions", "all")).httpStatus()).isEqualTo(401);
            Http ok = new Http(url, "ops", "s3cret-pw");
            Http.Response version = ok.get("version");
            assertThat(version.status()).isEqualTo(200);
            assertThat(version.raw().body()).doesNotContain("s3cret-pw");
            app.awaitDataSource("sec");
            assertThat(ok.get("read", DS, "Name").value()).isEqualTo("sec");
            assertThat(app.stderr()).doesNotContain("s3cret-pw").contains("basic auth");
        }
    }

    @Test
    void readOnlyRefusesTerminateOverHttpAndJmx() throws Exception {
        try (AgentJvm app = AgentJvm.start("port=0,readOnly=true,user=ops,password=ro-pw");
                Connection victim = Db.connect(Db.pg().superUser(), Db.pg().superPassword())) {
            app.send("hikari sec 1 " + Db.url() + " " + Db.pg().superUser() + " " + Db.pg().superPassword());
            ObjectName ds = app.awaitDataSource("sec");
            int pid = Db.pid(victim);
            Http http = new Http(HttpIT.jolokiaUrl(app), "ops", "ro-pw");
            Http.Response one = http.post(Http.exec(DS, "terminateSession", pid));
            assertThat(one.status()).isNotEqualTo(200);
            assertThat(one.error()).contains("read-only");
            Http.Response bulk = http.post(Http.exec(DS, "terminateSessions", "pid=" + pid));
            assertThat(bulk.error()).contains("read-only");
            assertThat(http.post(Http.exec(DS, "cancelSessions", "all")).error()).contains("read-only");
            Mbeans jmx = new Mbeans(app.jmx(), ds);
            assertThatThrownBy(() -> jmx.terminateSession(pid)).satisfies(e -> assertThat(Mbeans.messageOf(e)).contains("read-only"));
            assertThatThrownBy(() -> jmx.terminateSessions("all")).satisfies(e -> assertThat(Mbeans.messageOf(e)).contains("read-only"));
            assertThat(jmx.pids("pid=" + pid)).containsExactly(pid);
            assertThat(app.jmx().getAttribute(new ObjectName("pgjmx:type=Agent"), "ReadOnly")).isEqualTo(true);
            assertThat(Db.alive(pid)).isTrue();
        }
    }

    @Test
    void takenPortLeavesTheApplicationAndJmxWorking() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                AgentJvm app = AgentJvm.start("port=" + taken.getLocalPort())) {
            app.send("hikari sec 1 " + Db.url() + " " + Db.pg().superUser() + " " + Db.pg().superPassword());
            assertThat(app.send("query sec")).matches("\\d+");
            Mbeans ds = new Mbeans(app.jmx(), app.awaitDataSource("sec"));
            assertThat(ds.pids("own=true")).hasSize(1);
            assertThat(HttpIT.jolokiaUrl(app)).isEmpty();
            assertThat(app.stderr()).contains("127.0.0.1:" + taken.getLocalPort() + " is taken").contains("port=0");
        }
    }

    @Test
    void applicationWithItsOwnJolokiaAgent() throws Exception {
        int ownPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ownPort = s.getLocalPort();
        }
        String jolokiaAgent = System.getProperty("pgjmx.test.jolokia.agent");
        try (AgentJvm app = AgentJvm.start("port=0", "-javaagent:" + jolokiaAgent + "=port=" + ownPort + ",host=127.0.0.1")) {
            app.send("hikari sec 1 " + Db.url() + " " + Db.pg().superUser() + " " + Db.pg().superPassword());
            app.awaitDataSource("sec");
            Http theirs = new Http("http://127.0.0.1:" + ownPort + "/jolokia/");
            Http ours = new Http(HttpIT.jolokiaUrl(app));
            // the application's Jolokia is its own: unrestricted, and it sees our MBeans like any other
            assertThat(theirs.get("read", "java.lang:type=Runtime", "Uptime").status()).isEqualTo(200);
            assertThat(theirs.get("read", DS, "Name").value()).isEqualTo("sec");
            assertThat(theirs.get("exec", "java.lang:type=Memory", "gc").status()).isEqualTo(200);
            // ours answers with our rules
            assertThat(ours.get("read", DS, "Name").value()).isEqualTo("sec");
            assertThat(ours.get("exec", "java.lang:type=Memory", "gc").status()).isEqualTo(403);
        }
    }

    @Test
    void jvmExitsWhenMainReturns() throws Exception {
        Path lib = Path.of(System.getProperty("pgjmx.test.app.lib", "target/test-app-lib"));
        List<String> cp = new ArrayList<>();
        cp.add(Path.of(System.getProperty("pgjmx.test.app.classes", "target/test-classes")).toString());
        try (Stream<Path> jars = Files.list(lib)) {
            cp.addAll(jars.map(Path::toString).collect(Collectors.toList()));
        }
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + AgentJvm.agentJar() + "=port=0", "-cp", String.join(File.pathSeparator, cp),
                "io.pgjmx.testapp.ReturningMain", Db.url(), Db.pg().superUser(), Db.pg().superPassword())
                .redirectErrorStream(true).start();
        boolean exited = p.waitFor(60, TimeUnit.SECONDS);
        String output = new String(p.getInputStream().readAllBytes());
        if (!exited) {
            p.destroyForcibly();
        }
        assertThat(exited).as("JVM exited after main returned; output:\n" + output).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(output).contains("Jolokia HTTP endpoint at").contains("main returns");
    }

    @Test
    void thePasswordFromTheEnvironmentIsTheOneHttpNeeds() throws Exception {
        try (AgentJvm app = AgentJvm.builder().env("PGJMX_PASSWORD", "env-pw,with 'comma'")
                .agent("port=0,user=ops").jvmArgs("-Dpgjmx.password=sysprop-pw").start()) {
            String url = HttpIT.jolokiaUrl(app);
            assertThat(new Http(url).get("version").httpStatus()).isEqualTo(401);
            assertThat(new Http(url, "ops", "sysprop-pw").get("version").httpStatus())
                    .as("the environment wins over system properties").isEqualTo(401);
            assertThat(new Http(url, "ops", "env-pw,with 'comma'").get("version").status()).isEqualTo(200);
            assertThat(app.stderr()).contains("basic auth").doesNotContain("env-pw");
        }
        try (AgentJvm app = AgentJvm.builder().env("PGJMX_PASSWORD", "env-pw")
                .agent("port=0,user=ops,password='line,pw'").start()) {
            String url = HttpIT.jolokiaUrl(app);
            assertThat(new Http(url, "ops", "env-pw").get("version").httpStatus())
                    .as("the agent line wins over the environment").isEqualTo(401);
            assertThat(new Http(url, "ops", "line,pw").get("version").status()).isEqualTo(200);
        }
    }

    @Test
    void aPasswordSplitByAnUnquotedCommaNeverLandsInTheProblems() throws Exception {
        try (AgentJvm app = AgentJvm.start("port=0,user=ops,password=s3c,r3t-tail")) {
            Eventually.that(Duration.ofSeconds(15), () -> "off".equals(systemProperty(app, "io.pgjmx.agent.state")),
                    "the agent refuses the options");
            String problems = systemProperty(app, "io.pgjmx.agent.problems");
            assertThat(problems).contains("agent argument 4 is not key=value (if the value of password holds a "
                    + "comma, quote the whole value: password='...')").doesNotContain("r3t").doesNotContain("s3c");
            assertThat(app.stderr()).contains("agent argument 4 is not key=value").doesNotContain("r3t");
        }
    }

    @Test
    void secretUrlParametersAreMaskedInJdbcUrlHttpAndTheLog() throws Exception {
        String urlPassword = Db.pg().superPassword().isEmpty() ? "x-url-pw" : Db.pg().superPassword();
        String base = Db.url();
        String secretUrl = base + (base.contains("?") ? "&" : "?") + "sslpassword=s3cret-ssl&password=" + urlPassword;
        try (AgentJvm app = AgentJvm.start("port=0")) {
            app.send("hikari masked 1 " + secretUrl + " " + Db.pg().superUser() + " " + Db.pg().superPassword());
            Mbeans ds = new Mbeans(app.jmx(), app.awaitDataSource("masked"));
            String expected = base + (base.contains("?") ? "&" : "?") + "sslpassword=***&password=***";
            assertThat(ds.attribute("JdbcUrl")).isEqualTo(expected);
            Http http = new Http(HttpIT.jolokiaUrl(app));
            String masked = "pgjmx:type=DataSource,name=masked";
            assertThat(http.get("read", masked, "JdbcUrl").value()).isEqualTo(expected);
            for (Http.Response r : List.of(http.get("read", masked), http.get("list"),
                    http.post(Http.exec(masked, "showSessions", "own=true")),
                    http.post(Http.exec(masked, "listSessions", "own=true")))) {
                assertThat(r.raw().body()).doesNotContain("s3cret-ssl").doesNotContain(urlPassword);
            }
            assertThat(app.stderr()).contains("found PostgreSQL DataSource masked").contains("sslpassword=***")
                    .doesNotContain("s3cret-ssl").doesNotContain(urlPassword);
        }
    }

    private static String systemProperty(AgentJvm app, String name) throws Exception {
        return java.lang.management.ManagementFactory.newPlatformMXBeanProxy(app.jmx(),
                java.lang.management.ManagementFactory.RUNTIME_MXBEAN_NAME, java.lang.management.RuntimeMXBean.class)
                .getSystemProperties().get(name);
    }
}
