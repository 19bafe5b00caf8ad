package io.pgjmx.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgjmx.testing.AgentJvm;
import io.pgjmx.testing.Db;
import io.pgjmx.testing.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar pgjmx-agent.jar attach PID} against applications started without the agent, whose pools
 * were created and filled before the attach: they are found, busy or idle, and their backends count as their
 * own although the agent never saw those connections being opened.
 */
class AttachIT {

    private static final String ROLE = "attach_app";

    @BeforeAll
    static void role() throws Exception {
        Db.pg().createRole(ROLE, Db.APP_PASSWORD);
    }

    @Test
    void busyPoolIsFoundWithTheBackendsItOpenedBeforeTheAttach() throws Exception {
        try (AgentJvm app = AgentJvm.withoutAgent()) {
            app.send("hikari busy 3 " + Db.url() + " " + ROLE + " " + Db.APP_PASSWORD);
            int held = Integer.parseInt(app.send("hold busy"));
            app.send("busy busy");
            app.send("simple plain " + Db.url() + " " + ROLE + " " + Db.APP_PASSWORD);
            app.send("query plain");
            Set<Integer> poolBackends = backendsOf(ROLE);

            AttachLauncher.Result attach = AttachLauncher.run("attach", String.valueOf(app.pid()), "jolokia=false");

            assertThat(attach.exit()).as(attach.toString()).isZero();
            assertThat(attach.out()).contains("attached to JVM " + app.pid()).contains("HTTP endpoint off")
                    .contains("busy");
            assertThat(app.stderr()).contains("started (attach;");
            Mbeans ds = new Mbeans(app.jmx(), app.awaitDataSource("busy"));
            assertThat(pids(ds.listSessions("own=true"))).contains(held).containsAll(poolBackends);
            assertThat(Mbeans.sorted((int[]) ds.attribute("OwnBackendPids"))).containsAll(poolBackends);

            // a PGSimpleDataSource opens a connection per call: it is found on its first call after the attach
            app.send("query plain");
            app.awaitDataSource("PGSimpleDataSource-1");
        }
    }

    @Test
    void idlePoolIsFoundThroughItsHousekeeping() throws Exception {
        String role = "attach_idle";
        Db.pg().createRole(role, Db.APP_PASSWORD);
        // the housekeeper runs every 30 s by default; 2 s keeps the test short
        try (AgentJvm app = AgentJvm.withoutAgent("-Dcom.zaxxer.hikari.housekeeping.periodMs=2000")) {
            app.send("hikari idle 2 " + Db.url() + " " + role + " " + Db.APP_PASSWORD);
            Eventually.that(Duration.ofSeconds(10), () -> backendsOf(role).size() == 2, "the pool filled");
            Set<Integer> poolBackends = backendsOf(role);

            AttachLauncher.Result attach = AttachLauncher.run("attach", String.valueOf(app.pid()), "jolokia=false");
            assertThat(attach.exit()).as(attach.toString()).isZero();

            // no getConnection from here on: only the pool's own housekeeping can reveal it
            Mbeans ds = new Mbeans(app.jmx(), app.awaitDataSource("idle"));
            assertThat(pids(ds.listSessions("own=true"))).containsExactlyInAnyOrderElementsOf(poolBackends);
            assertThat(app.stderr()).doesNotContain("could not retransform").doesNotContain("could not instrument");
        }
    }

    @Test
    void attachingTwiceLeavesOneAgent() throws Exception {
        try (AgentJvm app = AgentJvm.withoutAgent()) {
            app.send("hikari twice 1 " + Db.url() + " " + ROLE + " " + Db.APP_PASSWORD);
            AttachLauncher.Result first = AttachLauncher.run("attach", String.valueOf(app.pid()), "jolokia=false");
            assertThat(first.exit()).as(first.toString()).isZero();
            app.send("query twice");
            app.awaitDataSource("twice");

            AttachLauncher.Result second = AttachLauncher.run("attach", String.valueOf(app.pid()), "readOnly=true");

            assertThat(second.exit()).as(second.toString()).isZero();
            assertThat(second.out()).contains("already running").contains("not applied").contains("twice");
            assertOneAgent(app);
            assertThat(app.jmx().getAttribute(new ObjectName("pgjmx:type=Agent"), "ReadOnly")).isEqualTo(false);
        }
    }

    @Test
    void attachingToAJvmStartedWithTheAgentLeavesOneAgent() throws Exception {
        try (AgentJvm app = AgentJvm.start("port=0")) {
            app.send("hikari started 1 " + Db.url() + " " + ROLE + " " + Db.APP_PASSWORD);
            app.send("query started");
            app.awaitDataSource("started");
            String url = (String) app.jmx().getAttribute(new ObjectName("pgjmx:type=Agent"), "JolokiaUrl");

            AttachLauncher.Result attach = AttachLauncher.run("attach", String.valueOf(app.pid()));

            assertThat(attach.exit()).as(attach.toString()).isZero();
            assertThat(attach.out()).contains("already running").contains("started").contains("Jolokia: " + url);
            assertOneAgent(app);
            // the second start never got as far as HTTP: the one endpoint is the first one's
            assertThat(app.stderr().lines().filter(l -> l.contains("Jolokia HTTP endpoint at"))).hasSize(1);
        }
    }

    /** One Agent MBean, each DataSource once, and the agent's classes defined by one class loader each. */
    private static void assertOneAgent(AgentJvm app) throws Exception {
        Eventually.that(Duration.ofSeconds(10), () -> app.stderr().contains("already running"),
                "the second start says so\n" + app.stderr());
        assertThat(app.jmx().queryNames(new ObjectName("pgjmx:type=Agent,*"), null)).hasSize(1);
        List<String> names = app.jmx().queryNames(new ObjectName("pgjmx:type=DataSource,*"), null).stream()
                .map(n -> n.getKeyProperty("name")).collect(Collectors.toList());
        assertThat(names).doesNotHaveDuplicates().noneMatch(n -> n.endsWith("-2"));
        assertThat(ClassHierarchy.of(app.pid()).loadersOf("io.pgjmx.bridge.PgjmxBridge")).hasSize(1);
        assertThat(ClassHierarchy.of(app.pid()).loadersOf("io.pgjmx.agent.PgjmxAgent")).hasSize(1);
        assertThat(app.stderr().lines().filter(l -> l.matches(".*started \\((-javaagent|attach);.*"))).hasSize(1);
    }

    private static Set<Integer> backendsOf(String role) throws Exception {
        return new TreeSet<>(Db.pidsWhere("usename = '" + role + "' and backend_type = 'client backend'"));
    }

    private static List<Integer> pids(CompositeData[] rows) {
        return Arrays.stream(rows).map(r -> (Integer) r.get("pid")).collect(Collectors.toList());
    }

    /**
     * The launcher's own command line is readable by every local user: secrets come from its environment or
     * a config file it reads itself (here by a path relative to its own directory, which the application
     * cannot resolve), and reach the agent over the attach socket only.
     */
    @Test
    void secretsComeFromTheLaunchersEnvironmentOrItsConfigFileNotItsCommandLine(@TempDir Path dir)
            throws Exception {
        try (AgentJvm app = AgentJvm.withoutAgent()) {
            AttachLauncher.Result attach = AttachLauncher.run(Map.of("PGJMX_PASSWORD", "env,pw'1"), null,
                    "attach", String.valueOf(app.pid()), "user=ops", "port=0");
            assertThat(attach.exit()).as(attach.toString()).isZero();
            String url = HttpIT.jolokiaUrl(app);
            assertThat(new Http(url).get("version").httpStatus()).isEqualTo(401);
            assertThat(new Http(url, "ops", "env,pw'1").get("version").status()).isEqualTo(200);
            assertThat(attach.out() + attach.err() + app.stderr()).doesNotContain("env,pw");
            assertThat(Arrays.toString((String[]) app.jmx().getAttribute(new ObjectName("java.lang:type=Runtime"),
                    "InputArguments"))).doesNotContain("env,pw");
        }
        Files.writeString(dir.resolve("pgjmx.properties"), "user=ops\npassword=file,pw\nport=0\n");
        try (AgentJvm app = AgentJvm.withoutAgent()) {
            AttachLauncher.Result attach = AttachLauncher.run(Map.of("PGJMX_PASSWORD", "env-pw"), dir,
                    "attach", String.valueOf(app.pid()), "config=pgjmx.properties");
            assertThat(attach.exit()).as(attach.toString()).isZero();
            String url = HttpIT.jolokiaUrl(app);
            assertThat(new Http(url, "ops", "env-pw").get("version").httpStatus())
                    .as("the file wins over the environment").isEqualTo(401);
            assertThat(new Http(url, "ops", "file,pw").get("version").status()).isEqualTo(200);
            assertThat(attach.out() + attach.err() + app.stderr()).doesNotContain("file,pw");
        }
    }
}
