package io.pgjmx.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgjmx.testing.AgentJvm;
import io.pgjmx.testing.Db;
import io.pgjmx.testing.Eventually;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.management.JMX;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * An application that opens and closes pools all day (tests, batch jobs, multi-tenant routing): every pool
 * gets its MBean and a monitoring connection while it lives, and leaves neither behind, nor a thread, nor a
 * backend. {@code -Dpgjmx.it.cycles=N} sets the number of cycles (the {@code soak} profile runs 1000).
 */
class PoolChurnIT {

    private static final int CYCLES = Integer.getInteger("pgjmx.it.cycles", 50);

    @Test
    void openingAndClosingPoolsLeavesNothingBehind() throws Exception {
        Db.pg().createRole("churn_app", Db.APP_PASSWORD);
        try (AgentJvm app = AgentJvm.start("jolokia=false")) {
            ThreadMXBean threads = JMX.newMXBeanProxy(app.jmx(), new ObjectName(ManagementFactory.THREAD_MXBEAN_NAME),
                    ThreadMXBean.class);
            app.send("hikari warmup 1 " + Db.url() + " churn_app " + Db.APP_PASSWORD);
            new Mbeans(app.jmx(), app.awaitDataSource("warmup")).attribute("SessionCount");
            app.send("close warmup");
            awaitNoDataSourceMBeans(app);
            Set<String> before = threadNames(threads);

            long t0 = System.nanoTime();
            for (int i = 1; i <= CYCLES; i++) {
                String name = "churn" + i;
                app.send("hikari " + name + " 1 " + Db.url() + " churn_app " + Db.APP_PASSWORD);
                Mbeans ds = new Mbeans(app.jmx(), app.awaitDataSource(name));
                assertThat((int) ds.attribute("OwnSessionCount")).as(name + "'s own session").isEqualTo(1);
                app.send("close " + name);
            }
            System.out.printf("%d pool open/read/close cycles in %d ms%n", CYCLES,
                    (System.nanoTime() - t0) / 1_000_000);

            awaitNoDataSourceMBeans(app);
            Eventually.that(Duration.ofSeconds(20), () -> Db.pidsWhere("usename = 'churn_app'").isEmpty(),
                    "no backend of the pools' role is left: neither the pools' nor pgjmx's monitoring connections");
            Eventually.that(Duration.ofSeconds(20), () -> threadNames(threads).equals(before),
                    "the same threads as before the cycles (new: " + difference(threadNames(threads), before) + ")");
            assertThat(app.stderr()).doesNotContain("WARN").doesNotContain("ERROR");
        }
    }

    private static void awaitNoDataSourceMBeans(AgentJvm app) throws Exception {
        ObjectName all = new ObjectName("pgjmx:type=DataSource,*");
        Eventually.that(Duration.ofSeconds(20), () -> app.jmx().queryNames(all, null).isEmpty(),
                "every DataSource MBean unregistered");
    }

    /** Thread names, without the JMX connector's own threads, which come and go with the test's calls. */
    private static Set<String> threadNames(ThreadMXBean threads) {
        return Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds())).filter(t -> t != null)
                .map(ThreadInfo::getThreadName).filter(n -> !n.startsWith("RMI ") && !n.startsWith("JMX "))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }
}
