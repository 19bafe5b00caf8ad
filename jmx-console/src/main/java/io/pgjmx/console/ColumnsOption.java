package io.pgjmx.console;

import io.pgjmx.api.SessionColumn;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --columns}: the session table's columns, in the order given; all of them by default. */
final class ColumnsOption {

    @Option(names = "--columns", paramLabel = "LIST",
            description = "Columns of the table, comma-separated, in this order, e.g. pid,state,xact_age,own,query. "
                    + "Valid: pid,state,xact_age,query_age,state_age,blocked_by,own,holder,user,database,application,client,"
                    + "wait,query. Default: all, the least telling left out when the terminal is narrow.")
    String columns;

    /** The chosen columns, or null for the default; a bad name is bad usage, naming the valid ones. */
    List<SessionColumn> chosen() {
        if (columns == null) {
            return null;
        }
        try {
            return SessionColumn.parse(columns);
        } catch (IllegalArgumentException e) {
            throw new ConsoleException(ExitCodes.USAGE, "--columns: " + e.getMessage());
        }
    }
}
