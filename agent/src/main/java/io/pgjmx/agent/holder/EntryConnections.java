package io.pgjmx.agent.holder;

import io.pgjmx.agent.util.Reflect;

/**
 * From a pool's per-connection object to the pgjdbc connection inside it, on the agent's thread. The shapes
 * are few and stable: HikariCP's PoolEntry, Tomcat JDBC's PooledConnection and DBCP's DelegatingConnection keep
 * it in {@code connection}, c3p0's NewPooledConnection in {@code physicalConnection}, Vibur's ConnHolder in
 * {@code rawConnection}; commons-pool's PooledObject hands out its object with {@code getObject()}.
 */
final class EntryConnections {

    private static final String PG_CONNECTION = "org.postgresql.PGConnection";
    private static final String[] FIELDS = {"connection", "physicalConnection", "rawConnection"};
    private static final int MAX_DEPTH = 6;

    private EntryConnections() {
    }

    /** The pgjdbc connection behind the entry; null when there is none (another database's pool). */
    static Object pgConnection(Object entry) {
        Object x = entry;
        for (int depth = 0; x != null && depth < MAX_DEPTH; depth++) {
            if (Reflect.implementsInterface(x, PG_CONNECTION)) {
                return x;
            }
            Object next = null;
            for (String field : FIELDS) {
                next = Reflect.field(x, field);
                if (next != null) {
                    break;
                }
            }
            if (next == null) {
                next = Reflect.invoke(x, "getObject"); // commons-pool's PooledObject
            }
            x = next;
        }
        return null;
    }
}
