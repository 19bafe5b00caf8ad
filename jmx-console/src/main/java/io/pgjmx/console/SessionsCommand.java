package io.pgjmx.console;

import io.pgjmx.console.client.OperationFailed;
import io.pgjmx.console.client.PgjmxClient;
import io.pgjmx.console.client.Session;
import io.pgjmx.console.render.LongestFirst;
import io.pgjmx.console.render.SessionJson;
import io.pgjmx.console.render.SessionTable;
import io.pgjmx.console.render.Terminals;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sessions TARGET [FILTER]}: the server's sessions, longest running first. */
@Command(name = "sessions", mixinStandardHelpOptions = true,
        description = {"List the sessions of the DataSource's PostgreSQL server that match FILTER (all when none), "
                + "the longest running transaction first, as a table that fits the terminal.",
            "OWN yes = opened by this DataSource in this JVM."})
final class SessionsCommand extends SessionTableCommand {

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "FILTER",
            description = "Filter terms, e.g. state=idle_in_transaction state_age=5m (see the footer of --help).")
    List<String> filter = List.of();

    @Option(names = "--wide", description = "Show every cell and the whole query, whatever the width.")
    boolean wide;

    @Option(names = "--json", description = "Print the sessions as the MBean returns them: a JSON array of objects.")
    boolean json;

    @Override
    Integer run(PgjmxClient client, String dataSource) {
        String filterText = FilterArguments.join(filter);
        List<Session> sessions = list(client, dataSource, filterText);
        if (json) {
            System.out.print(SessionJson.render(sessions));
            return ExitCodes.OK;
        }
        System.out.print(new SessionTable(Terminals.width(), wide, columns.chosen()).render(LongestFirst.sort(sessions)));
        System.out.println("(" + sessions.size() + (sessions.size() == 1 ? " session" : " sessions")
                + (filterText.isEmpty() ? "" : " matching '" + filterText + "'") + "; "
                + TargetOptions.where(dataSource, client) + ")");
        return ExitCodes.OK;
    }

    /** A bad filter is bad usage: the agent's message names the term and the valid keys. */
    static List<Session> list(PgjmxClient client, String dataSource, String filter) {
        try {
            return client.listSessions(dataSource, filter);
        } catch (OperationFailed e) {
            throw new ConsoleException(e.isBadArgument() ? ExitCodes.USAGE : ExitCodes.FAILURE, e.getMessage(), e);
        }
    }
}
