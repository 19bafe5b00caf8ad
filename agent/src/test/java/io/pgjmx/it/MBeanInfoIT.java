package io.pgjmx.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgjmx.testing.AgentJvm;
import io.pgjmx.testing.Db;
import java.util.Map;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What JConsole and VisualVM show: real parameter names, descriptions, impacts; the Agent MBean. */
class MBeanInfoIT {

    private static AgentJvm app;
    private static MBeanServerConnection jmx;
    private static ObjectName dataSource;

    @BeforeAll
    static void start() throws Exception {
        app = AgentJvm.start("jolokia=false,readOnly=false");
        app.send("hikari info 1 " + Db.url() + " " + Db.pg().superUser() + " " + Db.pg().superPassword());
        dataSource = app.awaitDataSource("info");
        jmx = app.jmx();
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void operationsHaveRealParameterNamesDescriptionsAndImpact() throws Exception {
        MBeanInfo info = jmx.getMBeanInfo(dataSource);
        assertThat(info.getDescription()).contains("pg_stat_activity");
        Map<String, Integer> expectedImpact = Map.ofEntries(Map.entry("listSessions", MBeanOperationInfo.INFO),
                Map.entry("showSessions", MBeanOperationInfo.INFO), Map.entry("cancelSession", MBeanOperationInfo.ACTION),
                Map.entry("terminateSession", MBeanOperationInfo.ACTION),
                Map.entry("cancelSessions", MBeanOperationInfo.ACTION),
                Map.entry("terminateSessions", MBeanOperationInfo.ACTION),
                Map.entry("explainSession", MBeanOperationInfo.INFO), Map.entry("sessionDetail", MBeanOperationInfo.INFO),
                Map.entry("lockRoots", MBeanOperationInfo.INFO), Map.entry("lockTree", MBeanOperationInfo.INFO),
                Map.entry("incidentSnapshot", MBeanOperationInfo.INFO));
        assertThat(info.getOperations()).extracting(MBeanOperationInfo::getName)
                .containsExactlyInAnyOrderElementsOf(expectedImpact.keySet());
        for (MBeanOperationInfo op : info.getOperations()) {
            assertThat(op.getImpact()).as(op.getName()).isEqualTo(expectedImpact.get(op.getName()));
            assertThat(op.getDescription()).as(op.getName()).isNotBlank().isNotEqualTo("Operation exposed for management");
            if (op.getName().startsWith("lock") || op.getName().equals("incidentSnapshot")) {
                assertThat(op.getSignature()).as(op.getName()).isEmpty();
                continue;
            }
            MBeanParameterInfo p = op.getSignature()[0];
            assertThat(p.getName()).as(op.getName()).isEqualTo(
                    op.getName().endsWith("Session") || op.getName().equals("sessionDetail") ? "pid" : "filter");
            assertThat(p.getDescription()).as(op.getName()).isNotBlank().isNotEqualTo(p.getName());
        }
        assertThat(info.getAttributes()).extracting(MBeanAttributeInfo::getName).containsExactlyInAnyOrder(
                "Name", "PoolClass", "JdbcUrl", "Username", "ServerVersion", "SessionCount", "ActiveSessionCount",
                "IdleSessionCount", "IdleInTransactionSessionCount", "WaitingSessionCount", "OwnSessionCount",
                "OldestTransactionSeconds", "LongestQuerySeconds", "OwnBackendPids", "Reachable", "LastError");
        for (MBeanAttributeInfo a : info.getAttributes()) {
            assertThat(a.isWritable()).as(a.getName()).isFalse();
            assertThat(a.getDescription()).as(a.getName()).isNotBlank().isNotEqualTo(a.getName());
        }
    }

    @Test
    void attributesDescribeThePool() throws Exception {
        assertThat(jmx.getAttribute(dataSource, "Name")).isEqualTo("info");
        assertThat(jmx.getAttribute(dataSource, "PoolClass")).isEqualTo("com.zaxxer.hikari.HikariDataSource");
        assertThat(jmx.getAttribute(dataSource, "JdbcUrl")).isEqualTo(Db.url());
        assertThat(jmx.getAttribute(dataSource, "Username")).isEqualTo(Db.pg().superUser());
        assertThat((String) jmx.getAttribute(dataSource, "ServerVersion")).isEqualTo(Db.pg().serverVersion());
        assertThat((int) jmx.getAttribute(dataSource, "OwnSessionCount")).isEqualTo(1);
        assertThat((int) jmx.getAttribute(dataSource, "SessionCount")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void agentMBean() throws Exception {
        ObjectName agent = new ObjectName("pgjmx:type=Agent");
        assertThat((String) jmx.getAttribute(agent, "Version")).isNotBlank();
        assertThat(jmx.getAttribute(agent, "ReadOnly")).isEqualTo(false);
        assertThat(jmx.getAttribute(agent, "JolokiaUrl")).isEqualTo("");
        assertThat((String[]) jmx.getAttribute(agent, "DataSourceNames")).containsExactly("info");
        assertThat(jmx.getMBeanInfo(agent).getOperations()).isEmpty();
    }
}
