package io.pgjmx.console;

import io.pgjmx.api.ControlChars;
import io.pgjmx.api.FilterKeys;
import io.pgjmx.api.SessionAction;
import io.pgjmx.console.client.OperationFailed;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar pgjmx-console.jar COMMAND}: the operator's console for pgjmx. */
@Command(name = "pgjmx-console", mixinStandardHelpOptions = true, versionProvider = ConsoleVersion.class,
        description = "Operator console for pgjmx: find JVMs, load the agent, look at and end their PostgreSQL "
                + "sessions.",
        footer = {"", "Filter terms (all must hold): " + FilterKeys.PID + "=N " + FilterKeys.USER + "= "
                + FilterKeys.DATABASE + "= " + FilterKeys.APPLICATION + "= " + FilterKeys.CLIENT + "= " + FilterKeys.STATE
                + "= " + FilterKeys.STATE_AGE + "= " + FilterKeys.XACT_AGE + "= " + FilterKeys.QUERY_AGE + "= "
                + FilterKeys.OWN + "= " + FilterKeys.BLOCKED + "= " + FilterKeys.BLOCKING + "= " + FilterKeys.ALL_SESSIONS,
            "e.g.: sessions http://127.0.0.1:8778/jolokia state=idle_in_transaction state_age=5m"})
public final class ConsoleMain implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        CommandLine cli = commandLine();
        cli.setExecutionExceptionHandler(ConsoleMain::onError);
        cli.setParameterExceptionHandler(ConsoleMain::onBadUsage);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // every command's --help lists the exit codes: a script author reads the command's help, not the root's
        for (CommandLine command : withSubcommands(cli)) {
            command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.HELP);
        }
        return cli.execute(args);
    }

    /**
     * The console and its commands, in the order --help lists them. Added here rather than in the annotation:
     * cancel and terminate are one class, each an instance for its action.
     */
    private static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ConsoleMain());
        for (Object command : java.util.List.of(new JvmsCommand(), new AttachCommand(), new DataSourcesCommand(),
                new SessionsCommand(), SignalCommand.command(SessionAction.CANCEL),
                SignalCommand.command(SessionAction.TERMINATE), new TopCommand(), new ExplainCommand(),
                new LocksCommand(), new SnapshotCommand())) {
            cli.addSubcommand(command);
        }
        return cli;
    }

    private static java.util.List<CommandLine> withSubcommands(CommandLine root) {
        java.util.List<CommandLine> all = new java.util.ArrayList<>();
        all.add(root);
        all.addAll(root.getSubcommands().values());
        return all;
    }

    /** A bad command line: what was wrong and where the valid forms are, not the whole usage text. */
    private static int onBadUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("pgjmx-console: " + e.getMessage());
        err.println("usage: " + cli.getHelp().synopsis(0).trim() + "   (see: " + cli.getCommandSpec().qualifiedName()
                + " --help)");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** One clear line per failure; the stack trace only with -v. */
    private static int onError(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        int code;
        String message;
        if (e instanceof ConsoleException c) {
            code = c.exitCode();
            message = c.getMessage();
        } else if (e instanceof OperationFailed f) {
            code = f.isBadArgument() ? ExitCodes.USAGE
                    : f.errorType().equals("SecurityException") ? ExitCodes.REFUSED : ExitCodes.FAILURE;
            message = f.getMessage();
        } else {
            code = ExitCodes.FAILURE;
            message = "unexpected error: " + e;
        }
        // a message may quote the database (a role name, a server error): no escape reaches the terminal
        err.println("pgjmx-console: " + ControlChars.visibleKeepingLines(message));
        if (Verbosity.isVerbose()) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    @Override
    public void run() {
        commandLine().usage(System.out);
    }
}
