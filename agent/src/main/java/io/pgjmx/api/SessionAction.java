package io.pgjmx.api;

/** The two things pgjmx does to a session, with the words for each and their DataSource MBean operations. */
public enum SessionAction {
    CANCEL("cancel", "cancelled", DataSourceOperations.CANCEL_SESSION, DataSourceOperations.CANCEL_SESSIONS),
    TERMINATE("terminate", "terminated", DataSourceOperations.TERMINATE_SESSION,
            DataSourceOperations.TERMINATE_SESSIONS);

    private final String verb;
    private final String past;
    private final String oneOperation;
    private final String bulkOperation;

    SessionAction(String verb, String past, String oneOperation, String bulkOperation) {
        this.verb = verb;
        this.past = past;
        this.oneOperation = oneOperation;
        this.bulkOperation = bulkOperation;
    }

    /** {@code cancel}, {@code terminate}: the word of the audit line's {@code action=}. */
    public String verb() {
        return verb;
    }

    /** {@code cancels}, {@code terminates}: both verbs take a plain s, unlike their past forms. */
    public String verbs() {
        return verb + "s";
    }

    /** {@code cancelled}, {@code terminated}. */
    public String past() {
        return past;
    }

    /** {@code cancelSession(int)}, {@code terminateSession(int)}. */
    public String oneOperation() {
        return oneOperation;
    }

    /** {@code cancelSessions(String)}, {@code terminateSessions(String)}. */
    public String bulkOperation() {
        return bulkOperation;
    }

    @Override
    public String toString() {
        return verb;
    }
}
