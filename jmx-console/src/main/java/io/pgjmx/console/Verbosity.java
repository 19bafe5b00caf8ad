package io.pgjmx.console;

import picocli.CommandLine.Option;

/** {@code -v}: stack traces with the error lines. A mixin, so it is accepted after any command. */
public final class Verbosity {

    private static volatile boolean verbose;

    @Option(names = {"-v", "--verbose"}, description = "On an error, also print its stack trace.")
    void setVerbose(boolean on) {
        verbose = on;
    }

    static boolean isVerbose() {
        return verbose;
    }
}
