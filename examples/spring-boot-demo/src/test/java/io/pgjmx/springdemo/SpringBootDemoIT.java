package io.pgjmx.springdemo;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgjmx.pg.TestPostgres;
import io.pgjmx.testing.Eventually;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;

/**
 * The Spring Boot executable jar, as users run it: {@code java -javaagent:pgjmx-agent.jar -jar demo.jar}. Its
 * pool, JdbcTemplate's default HikariCP, lives in Boot's nested-jar class loader; the agent must find it there,
 * tell its backends apart and terminate one, against a real PostgreSQL.
 */
class SpringBootDemoIT {

    private static final String APP = "pgjmx-spring-boot-demo";
    /** Boot starts in seconds on a quiet machine; a busy shared one needs more */
    private static final Duration LIMIT = Duration.ofSeconds(90);

    @Test
    void agentFindsTheBootPoolInItsNestedJarLoader() throws Exception {
        TestPostgres pg = TestPostgres.get();
        try (DemoProcess demo = new DemoProcess("--spring.datasource.url=" + pg.jdbcUrl(),
                "--spring.datasource.username=" + pg.superUser(), "--spring.datasource.password=" + pg.superPassword(),
                "--demo.heartbeat-ms=500")) {
            Eventually.that(LIMIT, () -> demo.output().contains("READY "), "the demo is ready\n" + demo.output());
            assertThat(demo.output()).contains("pool class loader: org.springframework.boot.loader.launch.LaunchedClassLoader");

            ObjectName name = new ObjectName("pgjmx:type=DataSource,name=spring-demo-pool");
            Eventually.that(LIMIT, () -> demo.jmx().isRegistered(name), "the MBean of Boot's pool\n" + demo.output());
            assertThat((String) demo.jmx().getAttribute(name, "PoolClass")).isEqualTo("com.zaxxer.hikari.HikariDataSource");

            // minimum-idle=3: Hikari fills the pool in the background
            Eventually.that(LIMIT, () -> poolBackends(pg).size() == 3, "three pool backends");
            Eventually.that(LIMIT, () -> ownPids(demo, name).equals(poolBackends(pg)), "own=true is the pool's backends");

            int victim = poolBackends(pg).get(0);
            boolean gone = (Boolean) demo.jmx().invoke(name, "terminateSession", new Object[] {victim},
                    new String[] {"int"});
            assertThat(gone).isTrue();
            assertThat(poolBackends(pg)).doesNotContain(victim);
            // Hikari replaces the lost connection; the agent sees the new one opened as the pool's own
            Eventually.that(LIMIT, () -> poolBackends(pg).size() == 3 && ownPids(demo, name).equals(poolBackends(pg)),
                    "own=true follows the pool after the terminate");
            assertThat(demo.output()).contains("heartbeat: ");
        }
    }

    private static List<Integer> ownPids(DemoProcess demo, ObjectName name) throws Exception {
        CompositeData[] sessions = (CompositeData[]) demo.jmx().invoke(name, "listSessions", new Object[] {"own=true"},
                new String[] {"java.lang.String"});
        return Arrays.stream(sessions).map(c -> (Integer) c.get("pid")).sorted().toList();
    }

    /** The pool's backends as the server sees them, without the agent. */
    private static List<Integer> poolBackends(TestPostgres pg) throws Exception {
        try (Connection c = pg.connectSuperuser(); PreparedStatement ps = c.prepareStatement(
                "select pid from pg_stat_activity where application_name = ? order by pid")) {
            ps.setString(1, APP);
            List<Integer> pids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pids.add(rs.getInt(1));
                }
            }
            return pids;
        }
    }
}
