package io.pgjmx.api;

import java.util.Set;

/**
 * The operations of a {@code pgjmx:type=DataSource,name=NAME} MBean. The read-like ones change nothing and
 * are allowed over HTTP without credentials; every other one is an action.
 */
public final class DataSourceOperations {

    public static final String LIST_SESSIONS = "listSessions";
    public static final String SHOW_SESSIONS = "showSessions";
    public static final String CANCEL_SESSION = "cancelSession";
    public static final String TERMINATE_SESSION = "terminateSession";
    public static final String CANCEL_SESSIONS = "cancelSessions";
    public static final String TERMINATE_SESSIONS = "terminateSessions";
    public static final String EXPLAIN_SESSION = "explainSession";
    public static final String SESSION_DETAIL = "sessionDetail";
    public static final String LOCK_ROOTS = "lockRoots";
    public static final String LOCK_TREE = "lockTree";
    public static final String INCIDENT_SNAPSHOT = "incidentSnapshot";

    /** The operations that only read: allowed over HTTP without credentials. */
    public static final Set<String> READ_LIKE = Set.of(LIST_SESSIONS, SHOW_SESSIONS, EXPLAIN_SESSION, SESSION_DETAIL,
            LOCK_ROOTS, LOCK_TREE, INCIDENT_SNAPSHOT);

    private DataSourceOperations() {
    }
}
