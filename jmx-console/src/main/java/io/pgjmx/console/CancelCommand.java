package io.pgjmx.console;

import io.pgjmx.api.SessionAction;
import picocli.CommandLine.Command;

/** {@code cancel TARGET (--pid N | FILTER)}: stops running queries, keeps the sessions. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = {"Cancel the running query of one session (--pid) or of every session matching FILTER "
                + "(pg_cancel_backend); the sessions stay.",
            "A FILTER's sessions are shown first and you are asked, unless --yes."})
final class CancelCommand extends SignalCommand {

    @Override
    SessionAction action() {
        return SessionAction.CANCEL;
    }
}
