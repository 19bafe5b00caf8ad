package io.pgjmx.console.client;

import static io.pgjmx.api.SessionFields.APPLICATION_NAME;
import static io.pgjmx.api.SessionFields.BACKEND_START;
import static io.pgjmx.api.SessionFields.BACKEND_TYPE;
import static io.pgjmx.api.SessionFields.BLOCKED_BY;
import static io.pgjmx.api.SessionFields.CLIENT_ADDRESS;
import static io.pgjmx.api.SessionFields.CLIENT_PORT;
import static io.pgjmx.api.SessionFields.DATABASE;
import static io.pgjmx.api.SessionFields.HELD_SECONDS;
import static io.pgjmx.api.SessionFields.HOLDER_THREAD;
import static io.pgjmx.api.SessionFields.HOLDER_THREAD_ID;
import static io.pgjmx.api.SessionFields.LEADER_PID;
import static io.pgjmx.api.SessionFields.OWN;
import static io.pgjmx.api.SessionFields.PID;
import static io.pgjmx.api.SessionFields.QUERY;
import static io.pgjmx.api.SessionFields.QUERY_SECONDS;
import static io.pgjmx.api.SessionFields.QUERY_START;
import static io.pgjmx.api.SessionFields.STATE;
import static io.pgjmx.api.SessionFields.STATE_CHANGE;
import static io.pgjmx.api.SessionFields.STATE_SECONDS;
import static io.pgjmx.api.SessionFields.TRANSACTION_SECONDS;
import static io.pgjmx.api.SessionFields.TRANSACTION_START;
import static io.pgjmx.api.SessionFields.USER;
import static io.pgjmx.api.SessionFields.WAIT_EVENT;
import static io.pgjmx.api.SessionFields.WAIT_EVENT_TYPE;

import io.pgjmx.api.SessionFields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One session as the DataSource MBean's {@code listSessions} returns it, with the contract's field names.
 * Dates stay the ISO-8601 text the agent's Jolokia writes (JMX's dates are formatted the same way), so
 * {@code --json} shows them as the MBean gave them. The holder fields read null/-1 from an agent without them.
 */
public record Session(int pid, Integer leaderPid, String database, String user, String applicationName,
        String clientAddress, Integer clientPort, String backendType, String state, String waitEventType,
        String waitEvent, String query, String backendStart, String transactionStart, String queryStart,
        String stateChange, long transactionSeconds, long querySeconds, long stateSeconds, List<Integer> blockedBy,
        boolean own, String holderThread, long holderThreadId, long heldSeconds) {

    public Session {
        blockedBy = List.copyOf(blockedBy);
    }

    /** A session no thread of the application holds (or one from an agent that does not tell holders). */
    public Session(int pid, Integer leaderPid, String database, String user, String applicationName,
            String clientAddress, Integer clientPort, String backendType, String state, String waitEventType,
            String waitEvent, String query, String backendStart, String transactionStart, String queryStart,
            String stateChange, long transactionSeconds, long querySeconds, long stateSeconds, List<Integer> blockedBy,
            boolean own) {
        this(pid, leaderPid, database, user, applicationName, clientAddress, clientPort, backendType, state,
                waitEventType, waitEvent, query, backendStart, transactionStart, queryStart, stateChange,
                transactionSeconds, querySeconds, stateSeconds, blockedBy, own, null, -1, -1);
    }

    /** Builds a session from the MBean's fields, whatever their transport gave as types. */
    static Session of(FieldSource f) {
        return new Session(f.integer(PID), f.nullableInteger(LEADER_PID), f.text(DATABASE), f.text(USER),
                f.text(APPLICATION_NAME), f.text(CLIENT_ADDRESS), f.nullableInteger(CLIENT_PORT),
                f.text(BACKEND_TYPE), f.text(STATE), f.text(WAIT_EVENT_TYPE), f.text(WAIT_EVENT), f.text(QUERY),
                f.date(BACKEND_START), f.date(TRANSACTION_START), f.date(QUERY_START), f.date(STATE_CHANGE),
                f.age(TRANSACTION_SECONDS), f.age(QUERY_SECONDS), f.age(STATE_SECONDS), f.integers(BLOCKED_BY),
                f.bool(OWN), f.text(HOLDER_THREAD), f.age(HOLDER_THREAD_ID), f.age(HELD_SECONDS));
    }

    /** The fields in the contract's order, as {@code --json} writes them. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        Object[] values = {pid, leaderPid, database, user, applicationName, clientAddress, clientPort, backendType,
            state, waitEventType, waitEvent, query, backendStart, transactionStart, queryStart, stateChange,
            transactionSeconds, querySeconds, stateSeconds, blockedBy, own, holderThread, holderThreadId, heldSeconds};
        for (int i = 0; i < values.length; i++) {
            m.put(SessionFields.ALL.get(i), values[i]);
        }
        return m;
    }

    /** Typed access to one session's fields, over CompositeData or a JSON object. */
    interface FieldSource {
        Object get(String field);

        default String text(String field) {
            Object v = get(field);
            return v == null ? null : v.toString();
        }

        default int integer(String field) {
            return ((Number) get(field)).intValue();
        }

        default Integer nullableInteger(String field) {
            Object v = get(field);
            return v == null ? null : ((Number) v).intValue();
        }

        default long age(String field) {
            Object v = get(field);
            return v == null ? -1 : ((Number) v).longValue();
        }

        default boolean bool(String field) {
            return Boolean.TRUE.equals(get(field));
        }

        String date(String field);

        List<Integer> integers(String field);
    }
}
