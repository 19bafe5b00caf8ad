package io.pgjmx.console.client;

import io.pgjmx.agent.attach.AttachChannel;
import io.pgjmx.agent.attach.AttachFailure;
import io.pgjmx.console.ConsoleException;
import io.pgjmx.console.ExitCodes;

/** A JVM on this machine, through the agent's {@link AttachChannel}: the same channel jcmd and JConsole use. */
public final class LocalJvm {

    private LocalJvm() {
    }

    /** Attaches to {@code pid}, or fails with the failure's exit status and what to check. Close it when done. */
    public static AttachChannel attach(String pid) {
        try {
            return AttachChannel.open(Long.parseLong(pid));
        } catch (NumberFormatException e) {
            throw new ConsoleException(ExitCodes.USAGE, "'" + pid + "' is not a process id");
        } catch (AttachFailure e) {
            throw failed(e);
        }
    }

    /** The failure as the console reports it: its message, its exit status. */
    public static ConsoleException failed(AttachFailure e) {
        return new ConsoleException(e.exitStatus(), e.getMessage(), e);
    }
}
