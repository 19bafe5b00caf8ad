package io.pgjmx.console;

import io.pgjmx.console.client.PgjmxClient;

/**
 * A command on one DataSource of the target: each opens the target and picks the DataSource the same way
 * (--datasource, or the only one there is), so that is done here once and the command only says what it does
 * with them. A command that checks its own arguments first does so before it calls {@link #call}: a usage
 * error needs no target.
 */
abstract class DataSourceCommand extends TargetCommand {

    @Override
    public Integer call() throws Exception {
        try (PgjmxClient client = target.open()) {
            return run(client, target.chooseDataSource(client));
        }
    }

    /** The exit status, once the target is open and its DataSource chosen. */
    abstract Integer run(PgjmxClient client, String dataSource) throws Exception;
}
