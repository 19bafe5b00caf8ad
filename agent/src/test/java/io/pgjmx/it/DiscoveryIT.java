package io.pgjmx.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgjmx.testing.AgentJvm;
import io.pgjmx.testing.Db;
import io.pgjmx.testing.Eventually;
import java.time.Duration;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** HikariCP in both modes and pgjdbc's PGSimpleDataSource: one MBean each, own backends exactly the pool's. */
class DiscoveryIT {

    @Test
    void hikariJdbcUrlMode() throws Exception {
        try (AgentJvm app = AgentJvm.start("jolokia=false")) {
            app.send("hikari urlmode 2 " + Db.url() + " " + Db.pg().superUser() + " " + Db.pg().superPassword());
            int a = Integer.parseInt(app.send("hold urlmode"));
            int b = Integer.parseInt(app.send("hold urlmode"));
            Mbeans ds = new Mbeans(app.jmx(), app.awaitDataSource("urlmode"));
            assertThat(ds.pids("own=true")).containsExactlyInAnyOrder(a, b);
            assertThat(ds.pids("own=false")).doesNotContain(a, b);
            assertThat(agentNames(app)).containsExactly("urlmode");
        }
    }

    @Test
    void hikariDataSourceClassNameModeIsOneMBeanNotTwo() throws Exception {
        try (AgentJvm app = AgentJvm.start("jolokia=false")) {
            app.send("hikari-ds dsmode 2 " + Db.url() + " " + Db.pg().superUser() + " " + Db.pg().superPassword());
            int a = Integer.parseInt(app.send("hold dsmode"));
            int b = Integer.parseInt(app.send("hold dsmode"));
            Mbeans ds = new Mbeans(app.jmx(), app.awaitDataSource("dsmode"));
            assertThat(ds.pids("own=true")).containsExactlyInAnyOrder(a, b);
            assertThat(ds.attribute("PoolClass")).isEqualTo("com.zaxxer.hikari.HikariDataSource");
            assertThat((String) ds.attribute("JdbcUrl")).startsWith("jdbc:postgresql://");
            Thread.sleep(1500); // give a wrongly discovered inner PGSimpleDataSource time to show up
            assertThat(agentNames(app)).containsExactly("dsmode");
            assertThat(app.jmx().queryNames(new ObjectName("pgjmx:type=DataSource,*"), null)).hasSize(1);
        }
    }

    @Test
    void pgSimpleDataSourceAndCloseUnregisters() throws Exception {
        try (AgentJvm app = AgentJvm.start("jolokia=false")) {
            app.send("simple plain " + Db.url() + " " + Db.pg().superUser() + " " + Db.pg().superPassword());
            int held = Integer.parseInt(app.send("hold plain"));
            Mbeans ds = new Mbeans(app.jmx(), app.awaitDataSource("PGSimpleDataSource-1"));
            assertThat(ds.pids("own=true")).containsExactly(held);
            assertThat(ds.attribute("PoolClass")).isEqualTo("org.postgresql.ds.PGSimpleDataSource");

            app.send("hikari closing 1 " + Db.url() + " " + Db.pg().superUser() + " " + Db.pg().superPassword());
            ObjectName closing = app.awaitDataSource("closing");
            app.send("close closing");
            Eventually.that(Duration.ofSeconds(5), () -> !app.jmx().isRegistered(closing), "MBean gone after close");
            assertThat(agentNames(app)).containsExactly("PGSimpleDataSource-1");
        }
    }

    @Test
    void badOptionsLeaveTheApplicationRunningWithoutTheAgent() throws Exception {
        try (AgentJvm app = AgentJvm.start("readOnly=ture,prot=1")) {
            app.send("hikari opts 1 " + Db.url() + " " + Db.pg().superUser() + " " + Db.pg().superPassword());
            assertThat(app.send("query opts")).matches("\\d+");
            assertThat(app.stderr()).contains("option readOnly (agent argument 1) is not valid; give true or false")
                    .contains("unknown option 'prot'").contains("valid keys: host, port")
                    .contains("pgjmx is not started");
            assertThat(app.jmx().queryNames(new ObjectName("pgjmx:*"), null)).isEmpty();
        }
    }

    private static String[] agentNames(AgentJvm app) throws Exception {
        return (String[]) app.jmx().getAttribute(new ObjectName("pgjmx:type=Agent"), "DataSourceNames");
    }
}
