package io.pgjmx.console.client;

/** The two things pgjmx does to a session, with the MBean operations and the words for each. */
public enum Action {
    CANCEL("cancel", "cancelled", "cancelSession", "cancelSessions"),
    TERMINATE("terminate", "terminated", "terminateSession", "terminateSessions");

    private final String verb;
    private final String past;
    private final String oneOperation;
    private final String bulkOperation;

    Action(String verb, String past, String oneOperation, String bulkOperation) {
        this.verb = verb;
        this.past = past;
        this.oneOperation = oneOperation;
        this.bulkOperation = bulkOperation;
    }

    public String verb() {
        return verb;
    }

    public String past() {
        return past;
    }

    String oneOperation() {
        return oneOperation;
    }

    String bulkOperation() {
        return bulkOperation;
    }
}
