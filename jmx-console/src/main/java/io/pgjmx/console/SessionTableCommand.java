package io.pgjmx.console;

import picocli.CommandLine.Mixin;

/** The options of the commands that show a target's sessions as a table: sessions, cancel and terminate. */
abstract class SessionTableCommand extends DataSourceCommand {

    @Mixin
    ColumnsOption columns;
}
