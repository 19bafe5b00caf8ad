package io.pgjmx.console;

import io.pgjmx.console.client.PgjmxClient;
import io.pgjmx.console.render.Terminals;
import io.pgjmx.console.top.TopScreen;
import io.pgjmx.console.top.TopSnapshots;
import io.pgjmx.console.top.TopTarget;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code top TARGET}: a live view of the sessions, refreshed every interval, with cancel and terminate keys. */
@Command(name = "top", mixinStandardHelpOptions = true,
        description = {"A live view of the DataSource server's sessions, the longest running first: state, ages, "
                + "wait events, blocked-by, own sessions, the thread holding each connection (HOLDER).",
            "Keys: j/k or up/down select a session, e explains it (the holder's stack, what it blocks), c cancels it, "
                + "t terminates it (each asks y/n), r refreshes, q quits.",
            "When stdout is not a terminal, prints one plain snapshot per interval instead."})
final class TopCommand extends DataSourceCommand {

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "2",
            description = "Seconds between refreshes (default: ${DEFAULT-VALUE}; fractions allowed).")
    double interval;

    @Option(names = "--iterations", paramLabel = "N",
            description = "Stop after N refreshes (default: run until q, or forever without a terminal).")
    Integer iterations;

    @Override
    public Integer call() throws Exception {
        if (!(interval >= 0.1 && interval <= 3600)) {
            throw new ConsoleException(ExitCodes.USAGE, "--interval " + interval + ": give 0.1 to 3600 seconds");
        }
        if (iterations != null && iterations < 1) {
            throw new ConsoleException(ExitCodes.USAGE, "--iterations " + iterations + ": give 1 or more");
        }
        return super.call();
    }

    @Override
    Integer run(PgjmxClient client, String dataSource) throws Exception {
        TopTarget watched = new TopTarget(client, dataSource, TargetOptions.where(dataSource, client), interval);
        if (Terminals.interactive()) {
            try (Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build()) {
                if (!Terminal.TYPE_DUMB.equals(terminal.getType())
                        && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())) {
                    new TopScreen(terminal, watched).run(iterations);
                    return ExitCodes.OK;
                }
            }
        }
        TopSnapshots.run(watched, iterations, System.out);
        return ExitCodes.OK;
    }
}
