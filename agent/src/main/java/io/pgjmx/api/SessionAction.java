package io.pgjmx.api;

/** The two things pgjmx does to a session, with the words for each and their DataSource MBean operations. */
public enum SessionAction {
    CANCEL("cancel", "cancels", "cancelled", DataSourceOperations.CANCEL_SESSION, DataSourceOperations.CANCEL_SESSIONS),
    TERMINATE("terminate", "terminates", "terminated", DataSourceOperations.TERMINATE_SESSION,
            DataSourceOperations.TERMINATE_SESSIONS);

    private final String verb;
    private final String verbs;
    private final String past;
    private final String oneOperation;
    private final String bulkOperation;

    SessionAction(String verb, String verbs, String past, String oneOperation, String bulkOperation) {
        this.verb = verb;
        this.verbs = verbs;
        this.past = past;
        this.oneOperation = oneOperation;
        this.bulkOperation = bulkOperation;
    }

    /** {@code cancel}, {@code terminate}: the word of the audit line's {@code action=}. */
    public String verb() {
        return verb;
    }

    /** {@code cancels}, {@code terminates}. */
    public String verbs() {
        return verbs;
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
