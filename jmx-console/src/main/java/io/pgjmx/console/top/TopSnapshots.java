package io.pgjmx.console.top;

import io.pgjmx.api.ControlChars;
import io.pgjmx.console.client.OperationFailed;
import io.pgjmx.console.client.PgjmxClient;
import io.pgjmx.console.render.SessionTable;
import io.pgjmx.console.render.Terminals;
import java.io.PrintStream;

/** top where stdout is no terminal (a pipe, a file, a log): one plain snapshot per interval, nothing redrawn. */
public final class TopSnapshots {

    private final PgjmxClient client;
    private final String dataSource;
    private final String where;
    private final double intervalSeconds;
    private final PrintStream out;

    public TopSnapshots(PgjmxClient client, String dataSource, String where, double intervalSeconds, PrintStream out) {
        this.client = client;
        this.dataSource = dataSource;
        this.where = where;
        this.intervalSeconds = intervalSeconds;
        this.out = out;
    }

    /** Prints {@code iterations} snapshots (forever when null). */
    public void run(Integer iterations) throws InterruptedException {
        for (int i = 0; iterations == null || i < iterations; i++) {
            if (i > 0) {
                Thread.sleep((long) (intervalSeconds * 1000));
            }
            try {
                TopData data = TopData.fetch(client, dataSource);
                out.println(data.title(where, intervalSeconds));
                out.println(data.summary());
                out.print(new SessionTable(Terminals.width(), false).render(data.sessions()));
            } catch (OperationFailed e) {
                // the server or the agent failed this once; the next interval may work again
                out.println("error: " + ControlChars.visibleKeepingLines(e.getMessage()));
            }
            out.println();
            out.flush();
        }
    }
}
