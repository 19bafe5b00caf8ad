package io.pgjmx.console.top;

import io.pgjmx.api.ControlChars;
import io.pgjmx.console.client.OperationFailed;
import io.pgjmx.console.render.SessionTable;
import io.pgjmx.console.render.Terminals;
import java.io.PrintStream;

/** top where stdout is no terminal (a pipe, a file, a log): one plain snapshot per interval, nothing redrawn. */
public final class TopSnapshots {

    private TopSnapshots() {
    }

    /** Prints {@code iterations} snapshots (forever when null): nothing is kept from one to the next. */
    public static void run(TopTarget target, Integer iterations, PrintStream out) throws InterruptedException {
        for (int i = 0; iterations == null || i < iterations; i++) {
            if (i > 0) {
                Thread.sleep((long) (target.intervalSeconds() * 1000));
            }
            try {
                TopData data = target.fetch();
                out.println(target.title(data));
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
