package io.pgjmx.console.top;

import io.pgjmx.api.SessionAction;
import io.pgjmx.console.client.PgjmxClient;

/**
 * What top watches and how often: the same for the screen and for the plain snapshots, which differ only in
 * how they show it. {@code where} is the target and DataSource as the titles name them.
 */
public record TopTarget(PgjmxClient client, String dataSource, String where, double intervalSeconds) {

    TopData fetch() {
        return TopData.fetch(client, dataSource);
    }

    String title(TopData data) {
        return data.title(where, intervalSeconds);
    }

    String explain(int pid) {
        return client.explainSession(dataSource, pid);
    }

    boolean signal(SessionAction action, int pid) {
        return client.signal(action, dataSource, pid);
    }
}
