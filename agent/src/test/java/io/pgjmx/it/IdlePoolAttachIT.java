package io.pgjmx.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgjmx.testing.AgentJvm;
import io.pgjmx.testing.Db;
import io.pgjmx.testing.Eventually;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.management.ObjectName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A pool that is idle when the agent is attached (nobody calls getConnection any more) is found from what the
 * application already holds: Tomcat JDBC's cleaner on its Timer thread (on by default), DBCP2's evictor (when
 * {@code timeBetweenEvictionRuns} is set), DBCP2's own MBean (when {@code jmxName} is set), a Spring context's
 * singleton beans (through its shutdown hook). Exactly one MBean for it, with the pool's name, URL and user and
 * the backends it opened before the attach, and the agent borrowed nothing from it.
 */
class IdlePoolAttachIT {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // command, expected NAME, expected PoolClass
        "pool tomcat-jdbc idle-tomcat,        idle-tomcat,         org.apache.tomcat.jdbc.pool.ConnectionPool",
        "pool dbcp2-evictor idle-evictor,     GenericObjectPool-1, org.apache.commons.pool2.impl.GenericObjectPool",
        "pool dbcp2-jmx idle-jmx,             BasicDataSource-1,   org.apache.commons.dbcp2.BasicDataSource",
        "spring dbcp2 idle-spring-dbcp2,      BasicDataSource-1,   org.apache.commons.dbcp2.BasicDataSource",
        // found both from Spring and from its cleaner: one MBean, for the DataSource
        "spring tomcat-jdbc idle-spring-tomcat, idle-spring-tomcat, org.apache.tomcat.jdbc.pool.DataSource",
    })
    void idlePoolIsFoundWithoutBorrowingFromIt(String command, String name, String poolClass) throws Exception {
        String pool = command.substring(command.lastIndexOf(' ') + 1);
        String role = pool.replace('-', '_');
        Db.pg().createRole(role, Db.APP_PASSWORD);
        try (AgentJvm app = AgentJvm.withoutAgent()) {
            app.send(command + " 2 " + Db.url() + " " + role + " " + Db.APP_PASSWORD);
            app.send("query " + pool); // the pool starts on first use; from here on nobody touches it
            Eventually.that(Duration.ofSeconds(10), () -> backendsOf(role).size() == 2, "the pool filled");
            Set<Integer> poolBackends = backendsOf(role);
            String counts = app.send("counts " + pool);

            AttachLauncher.Result attach = AttachLauncher.run("attach", String.valueOf(app.pid()), "jolokia=false");
            assertThat(attach.exit()).as(attach.toString()).isZero();

            Mbeans ds = new Mbeans(app.jmx(), app.awaitDataSource(name));
            assertThat(app.jmx().queryNames(new ObjectName("pgjmx:type=DataSource,*"), null)).hasSize(1);
            assertThat((String[]) app.jmx().getAttribute(new ObjectName("pgjmx:type=Agent"), "DataSourceNames"))
                    .containsExactly(name);
            assertThat(ds.attribute("Name")).isEqualTo(name);
            assertThat(ds.attribute("PoolClass")).isEqualTo(poolClass);
            assertThat(ds.attribute("JdbcUrl")).isEqualTo(Db.url());
            assertThat(ds.attribute("Username")).isEqualTo(role);
            assertThat(IntStream.of((int[]) ds.attribute("OwnBackendPids")).boxed().collect(Collectors.toSet()))
                    .isEqualTo(poolBackends);
            assertThat(ds.pids("own=true")).containsExactlyInAnyOrderElementsOf(poolBackends);

            // nothing lent, nothing opened: the same backends, the pool's counts as before the attach
            assertThat(app.send("counts " + pool)).isEqualTo(counts).startsWith("active=0 ");
            assertThat(backendsOf(role)).isEqualTo(poolBackends);
            assertThat(app.stderr()).doesNotContain("discovery task failed");
        }
    }

    /** The role's client backends but the agent's own monitoring connection. */
    private static Set<Integer> backendsOf(String role) throws Exception {
        return new TreeSet<>(Db.pidsWhere("usename = '" + role + "' and backend_type = 'client backend'"
                + " and application_name <> 'pgjmx'"));
    }
}
