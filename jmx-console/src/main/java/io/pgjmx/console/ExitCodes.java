package io.pgjmx.console;

import io.pgjmx.agent.attach.ExitStatus;
import java.util.Map;

/** The console's exit statuses: the one set of {@link ExitStatus}, which the agent jar's attach shares. */
public final class ExitCodes {

    public static final int OK = ExitStatus.OK;
    public static final int FAILURE = ExitStatus.FAILURE;
    public static final int USAGE = ExitStatus.USAGE;
    public static final int UNREACHABLE = ExitStatus.UNREACHABLE;
    public static final int NO_PGJMX = ExitStatus.NO_PGJMX;
    public static final int REFUSED = ExitStatus.REFUSED;
    public static final int NOT_CONFIRMED = ExitStatus.NOT_CONFIRMED;

    /** For {@code --help} of every command, in order. */
    static final Map<String, String> HELP = ExitStatus.MEANINGS;

    private ExitCodes() {
    }
}
