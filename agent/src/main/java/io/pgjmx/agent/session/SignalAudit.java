package io.pgjmx.agent.session;

import io.pgjmx.agent.log.Audit;
import io.pgjmx.api.SessionAction;

/**
 * The audit line of one cancel or terminate call: written once, by whichever outcome comes first, so a
 * call never writes two lines (a refusal found late must not follow a line already written) nor none.
 */
final class SignalAudit {

    private final String dataSource;
    private final SessionAction action;
    private final String target;
    private boolean written;

    SignalAudit(String dataSource, SessionAction action, String target) {
        this.dataSource = dataSource;
        this.action = action;
        this.target = target;
    }

    void result(String result) {
        if (!written) {
            written = true;
            Audit.record(dataSource, action.verb(), target, result);
        }
    }

    void refused(RuntimeException e) {
        result("refused: " + e.getMessage());
    }
}
