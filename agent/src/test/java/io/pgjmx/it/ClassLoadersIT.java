package io.pgjmx.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgjmx.testing.AgentJvm;
import io.pgjmx.testing.Db;
import io.pgjmx.testing.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * Pools that live where real applications keep them: in a class loader of their own, invisible to the
 * system loader (a servlet container's web application), next to a sibling with its own copy of HikariCP and
 * pgjdbc, and in a loader that goes away again. One JVM per case ({@code io.pgjmx.testapp.LoaderLauncher}),
 * HikariCP and pgjdbc only in the child loaders. Spring Boot's nested-jar loader is tested by the demo's own
 * {@code SpringBootDemoIT} (examples/spring-boot-demo), which needs the repackaged jar.
 */
class ClassLoadersIT {

    @Test
    void poolInAChildLoaderTheParentCannotSee() throws Exception {
        try (AgentJvm app = launcher()) {
            assertThat(app.send("visible com.zaxxer.hikari.HikariDataSource")).isEqualTo("false");
            assertThat(app.send("visible org.postgresql.Driver")).isEqualTo("false");
            app.send("deploy shop");
            app.send("in shop hikari shop-pool 3 " + credentials());
            checkPool(app, "shop", "shop-pool", 3);
        }
    }

    @Test
    void siblingApplicationsEachWithTheirOwnPool() throws Exception {
        try (AgentJvm app = launcher()) {
            app.send("deploy orders");
            app.send("deploy billing");
            app.send("in orders hikari orders-pool 2 " + credentials());
            app.send("in billing hikari billing-pool 3 " + credentials());
            checkPool(app, "orders", "orders-pool", 2);
            checkPool(app, "billing", "billing-pool", 3);
            assertThat(new Mbeans(app.jmx(), app.awaitDataSource("orders-pool")).pids("own=true"))
                    .doesNotContainAnyElementsOf(backends("billing-pool"));
        }
    }

    /**
     * After the MBean was used (so the agent opened its monitoring connection through the application's own
     * driver), undeploying the application must leave nothing of the agent's holding its class loader.
     */
    @Test
    void undeployedApplicationsLoaderIsCollected() throws Exception {
        try (AgentJvm app = launcher()) {
            app.send("deploy shop");
            app.send("in shop hikari shop-pool 2 " + credentials());
            checkPool(app, "shop", "shop-pool", 2);
            ObjectName name = app.awaitDataSource("shop-pool");
            // the HTTP side too: Jolokia must keep nothing of the MBean once it is gone
            String url = (String) app.jmx().getAttribute(new ObjectName("pgjmx:type=Agent"), "JolokiaUrl");
            assertThat(new Http(url).get("exec", name.toString(), "listSessions", "own=true").status()).isEqualTo(200);

            assertThat(app.send("undeploy shop")).isEqualTo("drivers=1");
            Eventually.that(Duration.ofSeconds(15), () -> !app.jmx().isRegistered(name), "MBean unregistered");
            assertThat(app.send("collect shop")).isEqualTo("collected");
            assertThat(app.stderr()).contains("monitoring connection for shop-pool opened");
        }
    }

    /**
     * A web application undeployed without closing its DataSource: nothing closes it, so the only sign is that
     * it became unreachable. The MBean must go with it, and the agent must hold nothing (driver, ledger entry,
     * the DataSource) that keeps the loader alive. pgjdbc's own DataSource runs no thread, so the loader really
     * can go (a HikariCP pool left open keeps its threads running and is rightly kept; DBCP2 pins its loader
     * itself, with or without the agent).
     */
    @Test
    void dataSourceLeftUnclosedGoesWithItsLoader() throws Exception {
        try (AgentJvm app = launcher()) {
            app.send("deploy shop");
            assertThat(app.send("in shop simple leaky " + credentials())).isEqualTo("leaky");
            ObjectName name = app.awaitDataSource("PGSimpleDataSource-1");

            assertThat(app.send("abandon shop")).isEqualTo("drivers=1");
            // nothing was asked of the MBean, so no monitoring connection is open: that one, opened through the
            // web application's own driver, would pin the loader until it idles out (60 s)
            assertThat(app.send("collect shop")).isEqualTo("collected");
            Eventually.that(Duration.ofSeconds(15), () -> !app.jmx().isRegistered(name),
                    "MBean of the abandoned DataSource unregistered once it is gone");
        }
    }

    /** The MBean appears, own=true is exactly the pool's backends, and terminating one of them works. */
    private static void checkPool(AgentJvm app, String webapp, String pool, int size) throws Exception {
        Mbeans mbean = new Mbeans(app.jmx(), app.awaitDataSource(pool));
        Eventually.that(Duration.ofSeconds(15), () -> backends(pool).size() == size, size + " backends of " + pool);
        Eventually.that(Duration.ofSeconds(15), () -> mbean.pids("own=true").equals(backends(pool)),
                "own=true of " + pool + " is " + backends(pool));
        int victim = backends(pool).get(0);
        assertThat(mbean.terminateSession(victim)).isTrue();
        assertThat(Db.alive(victim)).isFalse();
        assertThat(mbean.pids("own=true")).doesNotContain(victim);
        // HikariCP may lend the dead connection once more (it skips validation of recently used ones), evicts
        // it on the error and opens a replacement, which counts as the pool's own too: the agent follows the
        // connections the child loader's driver opens after discovery
        Eventually.that(Duration.ofSeconds(15), () -> app.ask("in " + webapp + " query " + pool).startsWith("OK"),
                "a query through " + pool + " after the terminate");
        Eventually.that(Duration.ofSeconds(15),
                () -> backends(pool).size() == size && mbean.pids("own=true").equals(backends(pool)),
                "own=true of " + pool + " after the terminate");
    }

    /** The pool's backends as the server sees them (WebApp sets ApplicationName to the pool's name). */
    private static List<Integer> backends(String pool) throws Exception {
        return Db.pidsWhere("application_name = '" + pool + "'");
    }

    private static String credentials() {
        return Db.url() + " " + Db.pg().superUser() + " " + Db.pg().superPassword();
    }

    /** The launcher on the system class path alone; HikariCP and pgjdbc only on the web applications' path. */
    private static AgentJvm launcher() throws Exception {
        String launcherPath = Path.of(System.getProperty("pgjmx.test.app.classes", "target/test-classes"))
                .toAbsolutePath().toString();
        return AgentJvm.builder().agent("port=0").classpath(launcherPath).mainClass("io.pgjmx.testapp.LoaderLauncher")
                .jvmArgs("-Dwebapp.path=" + AgentJvm.appClasspath()).start();
    }
}
