package io.pgjmx.console;

import io.pgjmx.api.ControlChars;
import io.pgjmx.api.FilterKeys;
import io.pgjmx.api.SessionAction;
import io.pgjmx.console.client.OperationFailed;
import io.pgjmx.console.client.PgjmxClient;
import io.pgjmx.console.client.Session;
import io.pgjmx.console.render.LongestFirst;
import io.pgjmx.console.render.SessionTable;
import io.pgjmx.console.render.Terminals;
import java.io.Console;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cancel}/{@code terminate TARGET (--pid N | FILTER)}. With a filter the sessions it matches are shown
 * and confirmed first; then the confirmed pids are signalled in one call, with the filter again, so what was
 * shown is the most that is hit, and a session that changed since the preview is left alone by the agent.
 *
 * <p>The two commands are this one class, once per action: they differ in nothing but their name and help
 * text ({@link #command}), and the action's words.
 */
@Command(mixinStandardHelpOptions = true)
final class SignalCommand extends SessionTableCommand {

    private static final String CONFIRMATION = "A FILTER's sessions are shown first and you are asked, unless --yes.";

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "FILTER",
            description = "Filter terms, e.g. state=idle_in_transaction state_age=5m; 'all' for every session.")
    List<String> filter = List.of();

    @Option(names = "--pid", paramLabel = "N", description = "One session by its backend pid (no question asked).")
    Integer pid;

    @Option(names = {"-y", "--yes"}, description = "Do not ask; needed where there is no terminal to ask on.")
    boolean yes;

    @Option(names = "--dry-run", description = "Only show the sessions that would be hit.")
    boolean dryRun;

    @Option(names = "--wide", description = "Show every cell and the whole query in the preview.")
    boolean wide;

    private final SessionAction action;

    private SignalCommand(SessionAction action) {
        this.action = action;
    }

    /** The {@code cancel} or the {@code terminate} command. */
    static CommandLine command(SessionAction action) {
        CommandLine command = new CommandLine(new SignalCommand(action));
        switch (action) {
            case CANCEL -> command.getCommandSpec().name("cancel").usageMessage().description(
                    "Cancel the running query of one session (--pid) or of every session matching FILTER "
                            + "(pg_cancel_backend); the sessions stay.", CONFIRMATION);
            case TERMINATE -> command.getCommandSpec().name("terminate").usageMessage().description(
                    "Terminate one session (--pid) or every session matching FILTER (pg_terminate_backend); "
                            + "their transactions roll back and their locks are released.", CONFIRMATION);
        }
        return command;
    }

    /** The arguments are checked before the target is opened: a usage error needs no target. */
    @Override
    public Integer call() throws Exception {
        String filterText = FilterArguments.join(filter);
        if ((pid == null) == filterText.isEmpty()) {
            throw new ConsoleException(ExitCodes.USAGE, pid == null
                    ? "which sessions? give --pid N or a FILTER (e.g. state=idle_in_transaction state_age=5m, or all)"
                    : "give --pid N or a FILTER, not both (a pid in a filter is " + FilterKeys.PID + "=N)");
        }
        if (pid != null && pid <= 0) {
            throw new ConsoleException(ExitCodes.USAGE, "--pid " + pid + ": a backend pid is a positive number");
        }
        return super.call();
    }

    @Override
    Integer run(PgjmxClient client, String dataSource) {
        return pid != null ? one(client, dataSource, pid) : matching(client, dataSource, FilterArguments.join(filter));
    }

    private int one(PgjmxClient client, String dataSource, int pid) {
        if (dryRun) {
            List<Session> found = SessionsCommand.list(client, dataSource, FilterKeys.PID + "=" + pid);
            System.out.print(new SessionTable(Terminals.width(), wide, columns.chosen()).render(found));
            System.out.println(found.isEmpty() ? "no session with pid " + pid + "; dry run: nothing " + action.past()
                    : "dry run: nothing " + action.past());
            return ExitCodes.OK;
        }
        try {
            if (client.signal(action, dataSource, pid)) {
                System.out.println(action.past() + " " + pid);
                return ExitCodes.OK;
            }
            System.out.println("not " + action.past() + " " + pid + ": signalled, but still there when the agent's "
                    + "wait ran out; look again with: sessions " + target.target + " " + FilterKeys.PID + "=" + pid);
            return ExitCodes.FAILURE;
        } catch (OperationFailed e) {
            System.out.println("not " + action.past() + " " + pid + ": "
                    + ControlChars.visibleKeepingLines(e.getMessage()));
            return ExitCodes.REFUSED;
        }
    }

    private int matching(PgjmxClient client, String dataSource, String filterText) {
        List<Session> preview = LongestFirst.sort(SessionsCommand.list(client, dataSource, filterText));
        String where = TargetOptions.where(dataSource, client);
        if (preview.isEmpty()) {
            System.out.println("no session matches '" + filterText + "' (" + where + "); nothing to " + action.verb());
            return ExitCodes.OK;
        }
        System.out.print(new SessionTable(Terminals.width(), wide, columns.chosen()).render(preview));
        String these = preview.size() == 1 ? "this session" : "these " + preview.size() + " sessions";
        System.out.println("(" + count(preview.size()) + " matching '" + filterText + "'; " + where + ")");
        if (dryRun) {
            System.out.println("dry run: nothing " + action.past());
            return ExitCodes.OK;
        }
        if (!yes && !confirmed(these)) {
            return ExitCodes.NOT_CONFIRMED;
        }
        List<Integer> confirmedPids = preview.stream().map(Session::pid).toList();
        Set<Integer> hit = Set.of();
        String failure = null;
        try {
            hit = new HashSet<>(client.signalAll(action, dataSource, confirmedSet(confirmedPids, filterText)));
        } catch (OperationFailed e) {
            failure = e.getMessage();
        }
        int count = 0;
        for (int pid : confirmedPids) {
            if (hit.contains(pid)) {
                count++;
                System.out.println(action.past() + " " + pid);
            } else {
                System.out.println("not " + action.past() + " " + pid + ": " + (failure != null ? failure
                        : "changed meanwhile or refused; see the agent's AUDIT log"));
            }
        }
        System.out.println(count + " of " + count(preview.size()) + " " + action.past() + ".");
        return count == preview.size() ? ExitCodes.OK : ExitCodes.REFUSED;
    }

    private boolean confirmed(String these) {
        String verb = action.verb();
        if (!Terminals.interactive()) {
            System.err.println("pgjmx-console: not confirmed: no terminal to ask on, so nothing was " + action.past()
                    + "; add --yes to " + verb + " " + these + " without asking");
            return false;
        }
        Console console = System.console();
        String answer = console.readLine("%s %s? [y/N] ", Character.toUpperCase(verb.charAt(0)) + verb.substring(1),
                these);
        if (answer != null && List.of("y", "yes").contains(answer.trim().toLowerCase(Locale.ROOT))) {
            return true;
        }
        System.err.println("pgjmx-console: not confirmed: nothing was " + action.past());
        return false;
    }

    /**
     * The confirmed pids and the filter again, for one bulk call: the agent signals only sessions that are
     * both, so a confirmed session that changed since the preview is left alone, and it answers with the pids
     * it hit; a confirmed pid missing there changed or was refused.
     */
    static String confirmedSet(List<Integer> pids, String filterText) {
        return FilterKeys.PID + "=" + pids.stream().map(String::valueOf).collect(Collectors.joining(",")) + " " + filterText;
    }

    private static String count(int n) {
        return n + (n == 1 ? " session" : " sessions");
    }
}
