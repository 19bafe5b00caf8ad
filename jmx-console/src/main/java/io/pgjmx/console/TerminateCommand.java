package io.pgjmx.console;

import io.pgjmx.api.SessionAction;
import picocli.CommandLine.Command;

/** {@code terminate TARGET (--pid N | FILTER)}: ends sessions, releasing their locks and transactions. */
@Command(name = "terminate", mixinStandardHelpOptions = true,
        description = {"Terminate one session (--pid) or every session matching FILTER (pg_terminate_backend); "
                + "their transactions roll back and their locks are released.",
            "A FILTER's sessions are shown first and you are asked, unless --yes."})
final class TerminateCommand extends SignalCommand {

    @Override
    SessionAction action() {
        return SessionAction.TERMINATE;
    }
}
