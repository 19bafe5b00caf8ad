package io.pgjmx.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.tools.attach.VirtualMachine;
import io.pgjmx.api.StatusProperties;
import io.pgjmx.testing.AgentJvm;
import io.pgjmx.testing.Db;
import io.pgjmx.testing.Eventually;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a process that nobody asks does not pay for (issue 14): Jolokia is set up on the first {@code /jolokia}
 * request, and (unless {@code io.pgjmx.agent.lazyMBeans=false}) the platform MBean server is not created for pgjmx's
 * MBeans until somebody needs it. The agent JVM logs its class loading to a file; the URL and the DataSource
 * names are read from its status properties over the attach API, which creates no MBean server.
 */
class LazyStartIT {

    private static final String SHADED_JOLOKIA = "io.pgjmx.agent.shaded.jolokia.";
    /** The JDK's MBean server implementation: loaded exactly when the platform server is created. */
    private static final String MBEAN_SERVER = "com.sun.jmx.mbeanserver.JmxMBeanServer";
    private static final String USER = "lazy_app";
    private static final String BUILT = "Jolokia's request handling built on the first request to /jolokia";

    @TempDir
    Path dir;

    @BeforeAll
    static void roles() throws Exception {
        Db.pg().createRole(USER, Db.APP_PASSWORD);
    }

    @Test
    void jolokiaIsSetUpOnTheFirstRequestOnceForConcurrentFirstRequests() throws Exception {
        Path classes = dir.resolve("classes.txt");
        try (AgentJvm app = AgentJvm.start("port=0,logLevel=debug", "-Xlog:class+load=info:file=" + classes)) {
            String url = runningUrl(app);
            Http root = new Http(url.replaceFirst("jolokia/$", ""));
            Http.Response metrics = root.get("metrics");
            assertThat(metrics.httpStatus()).isEqualTo(200);
            assertThat(metrics.raw().body()).contains("pgjmx_agent_info{version=\"");
            Http.Response page = root.get("pgjmx", "");
            assertThat(page.httpStatus()).isEqualTo(200);
            assertThat(loaded(classes)).as("serving /metrics and /pgjmx/ loads no Jolokia class").noneMatch(
                    c -> c.startsWith(SHADED_JOLOKIA));
            assertThat(app.stderr()).doesNotContain(BUILT);

            Http jolokia = new Http(url);
            ExecutorService clients = Executors.newFixedThreadPool(6);
            try {
                List<Future<Http.Response>> first = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    first.add(clients.submit((Callable<Http.Response>) () -> jolokia.get("version")));
                }
                for (Future<Http.Response> f : first) {
                    Http.Response version = f.get();
                    assertThat(version.status()).isEqualTo(200);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> value = (Map<String, Object>) version.value();
                    assertThat(value.get("agent")).asString().startsWith("2.");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> details = (Map<String, Object>) value.get("details");
                    assertThat(details).containsEntry("agent_id", "pgjmx")
                            .containsEntry("url", url.substring(0, url.length() - 1));
                }
            } finally {
                clients.shutdownNow();
            }
            assertThat(loaded(classes)).contains(SHADED_JOLOKIA + "jvmagent.handler.JolokiaHttpHandler");
            assertThat(occurrences(app.stderr(), BUILT)).as("one handler for all the first requests").isEqualTo(1);
            assertThat(jolokia.get("read", "pgjmx:type=Agent", "JolokiaUrl").value()).isEqualTo(url);
            assertThat(jolokia.get("config").status()).as("no {\"type\":\"config\"}").isEqualTo(403);
            assertThat(app.jmx().queryNames(new ObjectName("jolokia:*"), null)).as("Jolokia's own MBeans").isEmpty();
        }
    }

    @Test
    void lazyMBeansWaitForTheFirstJolokiaRequestAndAQueuedOneThatGoesIsDropped() throws Exception {
        Path classes = dir.resolve("classes.txt");
        try (AgentJvm app = AgentJvm.start("port=0", "-Dio.pgjmx.agent.lazyMBeans=true",
                "-Xlog:class+load=info:file=" + classes)) {
            String url = runningUrl(app);
            app.send("hikari brief 1 " + Db.url() + " " + USER + " " + Db.APP_PASSWORD);
            awaitDataSources(app, "brief");
            app.send("close brief");
            awaitDataSources(app, "");
            app.send("hikari lazy 1 " + Db.url() + " " + USER + " " + Db.APP_PASSWORD);
            awaitDataSources(app, "lazy");
            assertThat(loaded(classes)).as("two DataSources found, no platform MBean server made")
                    .noneMatch(c -> c.equals(MBEAN_SERVER));

            Http jolokia = new Http(url);
            assertThat(jolokia.get("search", "pgjmx:*").value()).asList()
                    .containsExactlyInAnyOrder("pgjmx:type=Agent", "pgjmx:type=DataSource,name=lazy");
            assertThat(jolokia.get("read", "pgjmx:type=Agent", "DataSourceNames").value()).asList().containsExactly("lazy");
            assertThat(jolokia.get("read", "pgjmx:type=DataSource,name=lazy", "JdbcUrl").value()).isEqualTo(Db.url());

            ObjectName lazy = new ObjectName("pgjmx:type=DataSource,name=lazy");
            assertThat(app.jmx().getAttribute(lazy, "Username")).isEqualTo(USER);
            app.send("close lazy");
            Eventually.that(Duration.ofSeconds(15), () -> !app.jmx().isRegistered(lazy), "lazy unregistered");
            assertThat(app.jmx().queryNames(new ObjectName("pgjmx:*"), null))
                    .containsExactly(new ObjectName("pgjmx:type=Agent"));
        }
    }

    @Test
    void lazyMBeansAreRegisteredAtOnceWhenTheServerExists() throws Exception {
        // -Dcom.sun.management.jmxremote: the JDK's management agent made the server before main ran
        try (AgentJvm app = AgentJvm.builder().agent("jolokia=false").jvmArgs("-Dio.pgjmx.agent.lazyMBeans=true")
                .remoteJmx(AgentJvm.freePort()).start()) {
            app.send("hikari present 1 " + Db.url() + " " + USER + " " + Db.APP_PASSWORD);
            awaitDataSources(app, "present");
            ObjectName present = new ObjectName("pgjmx:type=DataSource,name=present");
            assertThat(app.jmx().getAttribute(present, "Name")).isEqualTo("present");
            assertThat(app.jmx().getAttribute(present, "JdbcUrl")).isEqualTo(Db.url());
            assertThat((String[]) app.jmx().getAttribute(new ObjectName("pgjmx:type=Agent"), "DataSourceNames"))
                    .containsExactly("present");
        }
    }

    @Test
    void lazyMBeansAppearOnceAJmxClientConnects() throws Exception {
        // the default: no property
        try (AgentJvm app = AgentJvm.start("jolokia=false")) {
            app.send("hikari late 1 " + Db.url() + " " + USER + " " + Db.APP_PASSWORD);
            awaitDataSources(app, "late");
            // the connector creates the platform server; the queued MBeans are there before the first query
            ObjectName late = new ObjectName("pgjmx:type=DataSource,name=late");
            assertThat(app.jmx().getAttribute(late, "Name")).isEqualTo("late");
            assertThat((String[]) app.jmx().getAttribute(new ObjectName("pgjmx:type=Agent"), "DataSourceNames"))
                    .containsExactly("late");
        }
    }

    /** The agent's URL once it runs, from its status properties. */
    private static String runningUrl(AgentJvm app) throws Exception {
        Eventually.that(Duration.ofSeconds(15), () -> StatusProperties.RUNNING.equals(
                status(app).getProperty(StatusProperties.STATE)), "agent running");
        String url = status(app).getProperty(StatusProperties.JOLOKIA_URL);
        assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/jolokia/");
        return url;
    }

    private static void awaitDataSources(AgentJvm app, String names) throws Exception {
        Eventually.that(Duration.ofSeconds(15), () -> names.equals(status(app).getProperty(StatusProperties.DATA_SOURCES, "")),
                "DataSources [" + names + "]");
    }

    private static Properties status(AgentJvm app) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(String.valueOf(app.pid()));
        try {
            return vm.getSystemProperties();
        } finally {
            vm.detach();
        }
    }

    /** The names of the classes loaded so far. */
    private static List<String> loaded(Path classLog) throws Exception {
        Pattern line = Pattern.compile("\\[class,load\\] (\\S+) ");
        List<String> names = new ArrayList<>();
        for (String l : Files.readAllLines(classLog)) {
            Matcher m = line.matcher(l);
            if (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
