package io.pgjmx.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgjmx.testing.AgentJvm;
import io.pgjmx.testing.Db;
import io.pgjmx.testing.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * Every pool family besides HikariCP and PGSimpleDataSource, several per test JVM to keep the suite short:
 * each is one MBean with its class, URL and user, whose own sessions are exactly the pool's physical
 * connections (as the application reads them from pgjdbc), and is gone once closed. Pools of another
 * database, Spring's proxies, and a Spring DataSource inside a pool are never registered on their own.
 */
class PoolFamiliesIT {

    /** FAMILY, the NAME given to the pool (where it has one), the MBean NAME expected, PoolClass. */
    private record Family(String family, String name, String mbean, String poolClass) {
    }

    private static final List<Family> POOLS = List.of(
            new Family("dbcp2", "d2", "BasicDataSource-1", "org.apache.commons.dbcp2.BasicDataSource"),
            new Family("tomcat-dbcp", "td", "BasicDataSource-2", "org.apache.tomcat.dbcp.dbcp2.BasicDataSource"),
            new Family("tomcat-jdbc", "tomcat-pool", "tomcat-pool", "org.apache.tomcat.jdbc.pool.DataSource"),
            new Family("c3p0", "c3p0-pool", "c3p0-pool", "com.mchange.v2.c3p0.ComboPooledDataSource"),
            new Family("agroal", "ag", "AgroalDataSource-1", "io.agroal.pool.DataSource"),
            new Family("vibur", "vibur-pool", "vibur-pool", "org.vibur.dbcp.ViburDBCPDataSource"),
            new Family("pgpooling", "pgpool", "pgpool", "org.postgresql.ds.PGPoolingDataSource"));

    @Test
    void eachPoolFamilyIsOneMBeanWithExactlyItsBackendsAndGoesAwayOnClose() throws Exception {
        try (AgentJvm app = AgentJvm.start("jolokia=false")) {
            // an H2 pool first: it is looked at and ignored, and takes no number from the PostgreSQL pools
            app.send("h2 h2 " + System.getProperty("pgjmx.test.h2.jar", "target/test-h2/h2.jar"));
            app.send("borrow h2");
            List<String> expected = new ArrayList<>();
            for (Family f : POOLS) {
                app.send("pool " + f.family() + " " + f.name() + " 2 " + credentials());
                int a = Integer.parseInt(app.send("hold " + f.name()));
                int b = Integer.parseInt(app.send("hold " + f.name()));
                Mbeans ds = new Mbeans(app.jmx(), app.awaitDataSource(f.mbean()));
                assertThat(ds.attribute("PoolClass")).as(f.family()).isEqualTo(f.poolClass());
                assertThat((String) ds.attribute("JdbcUrl")).as(f.family()).startsWith(Db.url());
                assertThat(ds.attribute("Username")).as(f.family()).isEqualTo(Db.pg().superUser());
                assertThat(ds.pids("own=true")).as(f.family()).containsExactlyInAnyOrder(a, b);
                expected.add(f.mbean());
            }
            settle();
            assertThat(agentNames(app)).as("no H2 pool, no DriverManager group, nothing twice")
                    .containsExactlyInAnyOrderElementsOf(expected);

            for (Family f : POOLS) {
                ObjectName on = new ObjectName("pgjmx:type=DataSource,name=" + f.mbean());
                app.send("close " + f.name());
                Eventually.that(Duration.ofSeconds(5), () -> !app.jmx().isRegistered(on), f.mbean() + " gone");
            }
            assertThat(agentNames(app)).isEmpty();
        }
    }

    @Test
    void springDataSourcesAndProxiesAreRegisteredOnceAndProxiesNever() throws Exception {
        try (AgentJvm app = AgentJvm.start("jolokia=false")) {
            app.send("pool spring-dm dm 0 " + credentials());
            int dm1 = Integer.parseInt(app.send("hold dm"));
            int dm2 = Integer.parseInt(app.send("hold dm"));
            Mbeans dm = new Mbeans(app.jmx(), app.awaitDataSource("DriverManagerDataSource-1"));
            assertThat(dm.attribute("PoolClass")).isEqualTo("org.springframework.jdbc.datasource.DriverManagerDataSource");
            assertThat(dm.pids("own=true")).containsExactlyInAnyOrder(dm1, dm2);

            app.send("pool spring-simple simple 0 " + credentials());
            int simple = Integer.parseInt(app.send("hold simple"));
            Mbeans sd = new Mbeans(app.jmx(), app.awaitDataSource("SimpleDriverDataSource-1"));
            assertThat(sd.attribute("Username")).isEqualTo(Db.pg().superUser());
            assertThat(sd.pids("own=true")).containsExactly(simple);

            // a DriverManagerDataSource as a HikariCP pool's target: the pool's, not a DataSource of its own
            app.send("pool hikari-spring hs 2 " + credentials());
            int hs1 = Integer.parseInt(app.send("hold hs"));
            int hs2 = Integer.parseInt(app.send("hold hs"));
            Mbeans pool = new Mbeans(app.jmx(), app.awaitDataSource("hs"));
            assertThat(pool.pids("own=true")).containsExactlyInAnyOrder(hs1, hs2);

            // Spring's proxies around a pool: every connection through them is the pool's, and no proxy is an MBean
            app.send("hikari inner 3 " + credentials());
            List<Integer> held = new ArrayList<>();
            for (String kind : List.of("tx-aware", "lazy", "delegating")) {
                app.send("wrap " + kind + " " + kind + " inner");
                held.add(Integer.parseInt(app.send("hold " + kind)));
            }
            Mbeans inner = new Mbeans(app.jmx(), app.awaitDataSource("inner"));
            assertThat(inner.pids("own=true")).containsExactlyInAnyOrderElementsOf(held);

            // a routing DataSource over two pools: each target once
            app.send("hikari r1 1 " + credentials());
            app.send("hikari r2 1 " + credentials());
            app.send("routing router r1 r2");
            int r1 = Integer.parseInt(app.send("hold router"));
            app.send("route 2");
            int r2 = Integer.parseInt(app.send("hold router"));
            assertThat(new Mbeans(app.jmx(), app.awaitDataSource("r1")).pids("own=true")).containsExactly(r1);
            assertThat(new Mbeans(app.jmx(), app.awaitDataSource("r2")).pids("own=true")).containsExactly(r2);

            settle();
            assertThat(agentNames(app)).containsExactlyInAnyOrder("DriverManagerDataSource-1",
                    "SimpleDriverDataSource-1", "hs", "inner", "r1", "r2");
        }
    }

    @Test
    void driverManagerConnectionsAreGroupedByUrlAndUserWithoutTheAgentsOwn() throws Exception {
        String role = "families_dm";
        Db.pg().createRole(role, Db.APP_PASSWORD);
        try (AgentJvm app = AgentJvm.start("jolokia=false")) {
            int a = Integer.parseInt(app.send("dm " + credentials()));
            int b = Integer.parseInt(app.send("dm " + credentials()));
            int other = Integer.parseInt(app.send("dm " + Db.url() + " " + role + " " + Db.APP_PASSWORD));
            Mbeans first = new Mbeans(app.jmx(), app.awaitDataSource("DriverManager-1"));
            Mbeans second = new Mbeans(app.jmx(), app.awaitDataSource("DriverManager-2"));
            assertThat(first.attribute("PoolClass")).isEqualTo("java.sql.DriverManager");
            assertThat(first.attribute("Username")).isEqualTo(Db.pg().superUser());
            assertThat(first.pids("own=true")).containsExactlyInAnyOrder(a, b);
            assertThat(second.attribute("Username")).isEqualTo(role);
            assertThat(second.pids("own=true")).containsExactly(other);

            // the monitoring connections the calls above opened (Driver#connect on the agent's side) count nowhere
            settle();
            assertThat(agentNames(app)).containsExactlyInAnyOrder("DriverManager-1", "DriverManager-2");
        }
    }

    /**
     * A plain JDBC connection that lives for a moment (a start-up script's, the demo's set-up) leaves no
     * DriverManager group behind, not even for a moment; one that stays open a few seconds gets its MBean.
     */
    @Test
    void briefDirectConnectionsMakeNoMBeanAppear() throws Exception {
        try (AgentJvm app = AgentJvm.start("jolokia=false")) {
            app.send("dm-brief " + credentials());
            app.send("dm-brief " + credentials());
            // absence over the whole registration delay and a margin, polled, not slept through
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(6);
            while (System.nanoTime() < until) {
                assertThat(agentNames(app)).as("a DriverManager group appeared for connections closed at once")
                        .isEmpty();
                Thread.sleep(200);
            }
            int held = Integer.parseInt(app.send("dm " + credentials()));
            assertThat(new Mbeans(app.jmx(), app.awaitDataSource("DriverManager-1")).pids("own=true"))
                    .containsExactly(held);
        }
    }

    /**
     * A DriverManager group lives while it has open connections and for 30 s after the last one closed (a
     * start-up script's connections leave no MBean behind), then comes back under the same name.
     */
    @Test
    void driverManagerGroupGoesAwayWhenItsConnectionsAreClosedAndComesBackUnderItsName() throws Exception {
        try (AgentJvm app = AgentJvm.start("jolokia=false")) {
            int first = Integer.parseInt(app.send("dm " + credentials()));
            ObjectName group = app.awaitDataSource("DriverManager-1");
            assertThat(new Mbeans(app.jmx(), group).pids("own=true")).containsExactly(first);
            app.send("release-held");
            Eventually.that(java.time.Duration.ofSeconds(60), () -> !app.jmx().isRegistered(group),
                    "DriverManager-1 unregistered after its connections closed and the linger ran out");
            int again = Integer.parseInt(app.send("dm " + credentials()));
            assertThat(new Mbeans(app.jmx(), app.awaitDataSource("DriverManager-1")).pids("own=true"))
                    .containsExactly(again);
            assertThat(agentNames(app)).containsExactly("DriverManager-1");
        }
    }

    /**
     * Pools filled before a late attach are found on their next getConnection. Where the pool's connections
     * can be read without its locks (DBCP2, Tomcat JDBC, Agroal), those opened before the attach are its
     * own too; c3p0 only gets an MBean (see the README).
     */
    @Test
    void poolsFilledBeforeALateAttachAreFoundOnTheirNextUse() throws Exception {
        try (AgentJvm app = AgentJvm.withoutAgent()) {
            List<String> readable = List.of("dbcp2", "tomcat-jdbc", "agroal");
            List<Integer> before = new ArrayList<>();
            for (String family : readable) {
                app.send("pool " + family + " " + family + " 2 " + credentials());
                before.add(Integer.parseInt(app.send("hold " + family)));
            }
            app.send("pool c3p0 c3p0 2 " + credentials());
            app.send("hold c3p0");

            AttachLauncher.Result attach = AttachLauncher.run("attach", String.valueOf(app.pid()), "jolokia=false");
            assertThat(attach.exit()).as(attach.toString()).isZero();

            List<String> mbeans = List.of("BasicDataSource-1", "tomcat-jdbc", "AgroalDataSource-1");
            for (int i = 0; i < readable.size(); i++) {
                int after = Integer.parseInt(app.send("hold " + readable.get(i)));
                Mbeans ds = new Mbeans(app.jmx(), app.awaitDataSource(mbeans.get(i)));
                assertThat(ds.pids("own=true")).as(readable.get(i)).containsExactlyInAnyOrder(before.get(i), after);
            }
            app.send("hold c3p0");
            assertThat(new Mbeans(app.jmx(), app.awaitDataSource("c3p0")).attribute("PoolClass"))
                    .isEqualTo("com.mchange.v2.c3p0.ComboPooledDataSource");
        }
    }

    private static String credentials() {
        return Db.url() + " " + Db.pg().superUser() + " " + Db.pg().superPassword();
    }

    /** Gives a DataSource that was wrongly taken for a new one the time to show up before the census. */
    private static void settle() throws InterruptedException {
        Thread.sleep(1500);
    }

    private static String[] agentNames(AgentJvm app) throws Exception {
        return (String[]) app.jmx().getAttribute(new ObjectName("pgjmx:type=Agent"), "DataSourceNames");
    }
}
