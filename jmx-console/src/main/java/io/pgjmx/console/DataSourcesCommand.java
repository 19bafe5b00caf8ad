package io.pgjmx.console;

import static io.pgjmx.api.DataSourceAttributes.ACTIVE_SESSION_COUNT;
import static io.pgjmx.api.DataSourceAttributes.IDLE_IN_TRANSACTION_SESSION_COUNT;
import static io.pgjmx.api.DataSourceAttributes.IDLE_SESSION_COUNT;
import static io.pgjmx.api.DataSourceAttributes.JDBC_URL;
import static io.pgjmx.api.DataSourceAttributes.LONGEST_QUERY_SECONDS;
import static io.pgjmx.api.DataSourceAttributes.OLDEST_TRANSACTION_SECONDS;
import static io.pgjmx.api.DataSourceAttributes.OWN_SESSION_COUNT;
import static io.pgjmx.api.DataSourceAttributes.POOL_CLASS;
import static io.pgjmx.api.DataSourceAttributes.SERVER_VERSION;
import static io.pgjmx.api.DataSourceAttributes.SESSION_COUNT;
import static io.pgjmx.api.DataSourceAttributes.USERNAME;
import static io.pgjmx.api.DataSourceAttributes.WAITING_SESSION_COUNT;

import io.pgjmx.api.ControlChars;
import io.pgjmx.console.client.AgentInfo;
import io.pgjmx.console.client.OperationFailed;
import io.pgjmx.console.client.PgjmxClient;
import io.pgjmx.console.render.Ages;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code datasources TARGET}: the agent and each DataSource it found, with the session counts. */
@Command(name = "datasources", mixinStandardHelpOptions = true,
        description = "Show the pgjmx agent in TARGET and each PostgreSQL DataSource it found, with its session counts.")
final class DataSourcesCommand extends TargetCommand {

    private static final List<String> ATTRIBUTES = List.of(POOL_CLASS, JDBC_URL, USERNAME, SERVER_VERSION,
            SESSION_COUNT, ACTIVE_SESSION_COUNT, IDLE_SESSION_COUNT, IDLE_IN_TRANSACTION_SESSION_COUNT,
            WAITING_SESSION_COUNT, OWN_SESSION_COUNT, OLDEST_TRANSACTION_SECONDS, LONGEST_QUERY_SECONDS);



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
        System.out.println("  pool       " + a.get(POOL_CLASS));
        System.out.println("  url        " + visible(a.get(JDBC_URL)));
        System.out.println("  user       " + visible(a.get(USERNAME)));
        System.out.println("  server     PostgreSQL " + a.get(SERVER_VERSION));
        System.out.println("  sessions   " + a.get(SESSION_COUNT) + " (active " + a.get(ACTIVE_SESSION_COUNT)
                + ", idle " + a.get(IDLE_SESSION_COUNT) + ", idle in transaction "
                + a.get(IDLE_IN_TRANSACTION_SESSION_COUNT) + ", waiting on a lock " + a.get(WAITING_SESSION_COUNT)
                + "); own " + a.get(OWN_SESSION_COUNT));
        System.out.println("  oldest     transaction " + age(a.get(OLDEST_TRANSACTION_SECONDS)) + ", query "
                + age(a.get(LONGEST_QUERY_SECONDS)));
    }

    private static String visible(Object text) {
        return ControlChars.visible(String.valueOf(text));
    }

    private static String age(Object seconds) {
        return seconds instanceof Number n ? Ages.format(n.longValue()) : "-";
    }
}
