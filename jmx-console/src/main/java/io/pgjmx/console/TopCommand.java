package io.pgjmx.console;

import io.pgjmx.console.client.PgjmxClient;
import io.pgjmx.console.render.Terminals;
import io.pgjmx.console.top.TopScreen;
import io.pgjmx.console.top.TopSnapshots;
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
final class TopCommand extends TargetCommand {

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
        try (PgjmxClient client = target.open()) {
            String dataSource = target.chooseDataSource(client);
            String where = TargetOptions.where(dataSource, client);
            if (Terminals.interactive()) {
                try (Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build()) {
                    if (!Terminal.TYPE_DUMB.equals(terminal.getType())
                            && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())) {
                        new TopScreen(terminal, client, dataSource, where, interval).run(iterations);
                        return ExitCodes.OK;
                    }
                }
            }
            new TopSnapshots(client, dataSource, where, interval, System.out).run(iterations);
            return ExitCodes.OK;
        }
    }
}
