package io.pgjmx.agent.discovery;

import io.pgjmx.agent.util.Reflect;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The backend pid of every physical PostgreSQL connection, keyed by the pool object that opened it. pgjdbc
 * learns the pid from the server's BackendKeyData message while connecting, so reading it costs a field
 * read on the thread that opened the connection and no query.
 */
final class BackendLedger {

    private record Backend(WeakReference<Object> connection, int pid) {
    }

    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    private final Map<WeakIdentityKey, Queue<Backend>> byCreator = new ConcurrentHashMap<>();

    void record(Object creator, Object connection) {
        Object pid = Reflect.invoke(connection, "getBackendPID");
        if (!(pid instanceof Integer p) || p <= 0) {
            return;
        }
        purge();
        Queue<Backend> backends = byCreator.computeIfAbsent(new WeakIdentityKey(creator, collected),
                k -> new ConcurrentLinkedQueue<>());
        // a pool that replaces its connections for days, in a JVM nobody looks at, must not grow this queue:
        // drop the entries of connections already collected (a reference check, nothing that waits)
        backends.removeIf(b -> b.connection().get() == null);
        backends.add(new Backend(new WeakReference<>(connection), p));
    }

    /**
     * Records connections the creator holds that the agent did not see being opened (it attached later),
     * each once. Runs on the agent's thread; pool sizes are small, so the identity scan is cheap.
     */
    void adopt(Object creator, List<Object> connections) {
        for (Object held : connections) {
            Object connection = PgJdbc.pgConnection(held);
            if (connection != null && !knows(creator, connection)) {
                record(creator, connection);
            }
        }
    }

    private boolean knows(Object creator, Object connection) {
        Queue<Backend> backends = byCreator.get(WeakIdentityKey.lookup(creator));
        if (backends != null) {
            for (Backend b : backends) {
                if (b.connection().get() == connection) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Pids of connections that are still open, for any of the creators. */
    int[] openPids(List<Object> creators) {
        TreeSet<Integer> pids = new TreeSet<>();
        for (Object creator : creators) {
            Queue<Backend> backends = byCreator.get(WeakIdentityKey.lookup(creator));
            if (backends == null) {
                continue;
            }
            backends.removeIf(b -> {
                Object connection = b.connection().get();
                return connection == null || Boolean.TRUE.equals(Reflect.invoke(connection, "isClosed"));
            });
            backends.forEach(b -> pids.add(b.pid()));
        }
        return pids.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The class loader of a connection this creator opened: it holds the driver the pool really uses. */
    ClassLoader driverLoader(List<Object> creators) {
        for (Object creator : creators) {
            Queue<Backend> backends = byCreator.get(WeakIdentityKey.lookup(creator));
            if (backends != null) {
                for (Backend b : backends) {
                    Object connection = b.connection().get();
                    if (connection != null) {
                        return connection.getClass().getClassLoader();
                    }
                }
            }
        }
        return null;
    }

    private void purge() {
        for (Reference<?> ref; (ref = collected.poll()) != null; ) {
            byCreator.remove(ref);
        }
    }
}
