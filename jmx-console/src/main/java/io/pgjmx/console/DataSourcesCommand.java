package io.pgjmx.console;

import io.pgjmx.api.ControlChars;
import io.pgjmx.console.client.AgentInfo;
import io.pgjmx.console.client.OperationFailed;
import io.pgjmx.console.client.PgjmxClient;
import io.pgjmx.console.render.Ages;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code datasources TARGET}: the agent and each DataSource it found, with the session counts. */
@Command(name = "datasources", mixinStandardHelpOptions = true,
        description = "Show the pgjmx agent in TARGET and each PostgreSQL DataSource it found, with its session counts.")
final class DataSourcesCommand implements Callable<Integer> {

    private static final List<String> ATTRIBUTES = List.of("PoolClass", "JdbcUrl", "Username", "ServerVersion",
            "SessionCount", "ActiveSessionCount", "IdleSessionCount", "IdleInTransactionSessionCount",
            "WaitingSessionCount", "OwnSessionCount", "OldestTransactionSeconds", "LongestQuerySeconds");

    @Mixin
    Verbosity verbosity;

    @Mixin
    TargetOptions target;

    @Override
    public Integer call() {
        try (PgjmxClient client = target.open()) {
            AgentInfo agent = client.agent();
            System.out.println("pgjmx " + agent.version() + " in " + client.describe());
            System.out.println("  Jolokia    " + (agent.jolokiaUrl().isEmpty() ? "off (JMX only)" : agent.jolokiaUrl()));
            System.out.println("  read-only  " + (agent.readOnly() ? "yes: cancel and terminate are refused" : "no"));
            if (agent.dataSourceNames().isEmpty()) {
                System.out.println("No DataSource found yet (a pool appears on its next getConnection).");
                return ExitCodes.OK;
            }
            int failed = 0;
            for (String name : agent.dataSourceNames()) {
                System.out.println();
                System.out.println(name);
                try {
                    print(client.dataSourceAttributes(name, ATTRIBUTES));
                } catch (OperationFailed e) {
                    System.out.println("  error      " + ControlChars.visible(e.getMessage()));
                    failed++;
                }
            }
            return failed == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }

    private static void print(Map<String, Object> a) {
        System.out.println("  pool       " + a.get("PoolClass"));
        System.out.println("  url        " + visible(a.get("JdbcUrl")));
        System.out.println("  user       " + visible(a.get("Username")));
        System.out.println("  server     PostgreSQL " + a.get("ServerVersion"));
        System.out.println("  sessions   " + a.get("SessionCount") + " (active " + a.get("ActiveSessionCount")
                + ", idle " + a.get("IdleSessionCount") + ", idle in transaction "
                + a.get("IdleInTransactionSessionCount") + ", waiting on a lock " + a.get("WaitingSessionCount")
                + "); own " + a.get("OwnSessionCount"));
        System.out.println("  oldest     transaction " + age(a.get("OldestTransactionSeconds")) + ", query "
                + age(a.get("LongestQuerySeconds")));
    }

    private static String visible(Object text) {
        return ControlChars.visible(String.valueOf(text));
    }

    private static String age(Object seconds) {
        return seconds instanceof Number n ? Ages.format(n.longValue()) : "-";
    }
}
