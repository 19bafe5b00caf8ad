package io.pgjmx.console;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** The options of every command that works on one target JVM: its address and how much to say. */
abstract class TargetCommand implements Callable<Integer> {

    @Mixin
    Verbosity verbosity;

    @Mixin
    TargetOptions target;
}
