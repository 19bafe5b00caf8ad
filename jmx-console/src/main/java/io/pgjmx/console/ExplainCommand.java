package io.pgjmx.console;

import io.pgjmx.api.ControlChars;
import io.pgjmx.console.client.OperationFailed;
import io.pgjmx.console.client.PgjmxClient;
import io.pgjmx.console.render.PlainJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code explain TARGET PID}: one session with the Java thread that holds it, where that thread is now. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Explain one session: its row, the thread of the application that holds its connection with "
                + "that thread's state and current stack (the line of code holding the transaction), the borrow "
                + "stack when the agent keeps it (borrowStacks=true), what it blocks and what blocks it."})
final class ExplainCommand extends DataSourceCommand {

    @Parameters(index = "1", paramLabel = "PID", description = "Backend pid of the session (see sessions, locks).")
    int pid;

    @Option(names = "--json", description = "Print the agent's sessionDetail as JSON instead of the text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (pid <= 0) {
            throw new ConsoleException(ExitCodes.USAGE, "PID " + pid + ": a backend pid is a positive number");
        }
        return super.call();
    }

    @Override
    Integer run(PgjmxClient client, String dataSource) {
        try {
            if (json) {
                System.out.print(PlainJson.render(client.sessionDetail(dataSource, pid)));
            } else {
                System.out.print(ControlChars.visibleKeepingLines(client.explainSession(dataSource, pid)));
            }
        } catch (OperationFailed e) {
            throw new ConsoleException(e.isBadArgument() ? ExitCodes.USAGE : ExitCodes.FAILURE, e.getMessage(), e);
        }
        return ExitCodes.OK;
    }
}
