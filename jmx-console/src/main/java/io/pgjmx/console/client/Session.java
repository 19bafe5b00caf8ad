package io.pgjmx.console.client;

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

    /** The contract's field names, in its order. */
    public static final List<String> FIELDS = List.of("pid", "leaderPid", "database", "user", "applicationName",
            "clientAddress", "clientPort", "backendType", "state", "waitEventType", "waitEvent", "query",
            "backendStart", "transactionStart", "queryStart", "stateChange", "transactionSeconds", "querySeconds",
            "stateSeconds", "blockedBy", "own", "holderThread", "holderThreadId", "heldSeconds");

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
        return new Session(f.integer("pid"), f.nullableInteger("leaderPid"), f.text("database"), f.text("user"),
                f.text("applicationName"), f.text("clientAddress"), f.nullableInteger("clientPort"),
                f.text("backendType"), f.text("state"), f.text("waitEventType"), f.text("waitEvent"), f.text("query"),
                f.date("backendStart"), f.date("transactionStart"), f.date("queryStart"), f.date("stateChange"),
                f.age("transactionSeconds"), f.age("querySeconds"), f.age("stateSeconds"), f.integers("blockedBy"),
                f.bool("own"), f.text("holderThread"), f.age("holderThreadId"), f.age("heldSeconds"));
    }

    /** The fields in the contract's order, as {@code --json} writes them. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        Object[] values = {pid, leaderPid, database, user, applicationName, clientAddress, clientPort, backendType,
            state, waitEventType, waitEvent, query, backendStart, transactionStart, queryStart, stateChange,
            transactionSeconds, querySeconds, stateSeconds, blockedBy, own, holderThread, holderThreadId, heldSeconds};
        for (int i = 0; i < values.length; i++) {
            m.put(FIELDS.get(i), values[i]);
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
