package io.pgjmx.console;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** The options of the commands that show a target's sessions as a table: sessions, cancel and terminate. */
abstract class SessionTableCommand implements Callable<Integer> {

    @Mixin
    Verbosity verbosity;

    @Mixin
    TargetOptions target;

    @Mixin
    ColumnsOption columns;
}
