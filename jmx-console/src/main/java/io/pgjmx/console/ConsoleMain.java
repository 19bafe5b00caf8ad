package io.pgjmx.console;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar pgjmx-console.jar COMMAND}: the operator's console for pgjmx. */
@Command(name = "pgjmx-console", mixinStandardHelpOptions = true, version = "pgjmx-console 0.1.0",
        description = "Operator console for pgjmx: find JVMs, look at their PostgreSQL sessions.",
        subcommands = {JvmsCommand.class})
public final class ConsoleMain implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new ConsoleMain()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
