package io.pgjmx.agent.discovery;

import io.pgjmx.agent.util.Reflect;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Physical connections opened outside any known pool (DriverManager.getConnection, a Driver called
 * directly, a pool pgjmx does not know), grouped by URL and user: each group is one DataSource,
 * {@code DriverManager-N}. DriverManager itself is a bootstrap class that cannot be advised cheaply; what is
 * seen is pgjdbc's Driver#connect with no pool's creation under way on the thread.
 *
 * <p>A group exists while it has open connections, and for {@link #LINGER_NANOS} after the last one closed:
 * a migration tool's or a start-up script's connections must not leave an MBean behind for the life of the
 * JVM. The group's name is kept, so a group that comes back later has the same NAME.
 */
public final class DirectConnections {

    static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final Map<String, DirectConnections> GROUPS = new ConcurrentHashMap<>();
    private static final Map<String, String> NAMES = new ConcurrentHashMap<>();

    private final String key;
    private final Queue<WeakReference<Object>> connections = new ConcurrentLinkedQueue<>();
    private volatile long lastOpenedNanos = System.nanoTime();

    final String url;
    final String user;
    final String password;
    final Properties driverProperties;
    private final WeakReference<ClassLoader> driverLoader;
    private final AtomicBoolean announced = new AtomicBoolean();

    private DirectConnections(String key, String url, String user, String password, Properties driverProperties,
            ClassLoader driverLoader) {
        this.key = key;
        this.url = url;
        this.user = user;
        this.password = password;
        this.driverProperties = driverProperties;
        this.driverLoader = new WeakReference<>(driverLoader);
    }

    /**
     * The group of a connection Driver#connect just returned. Runs on the application's thread right after
     * a network connect: string work and a map lookup, nothing that waits. The URL is kept without user and
     * password (they are read from it or from the properties, as pgjdbc does).
     */
    static DirectConnections of(String url, Properties info, ClassLoader driverLoader) {
        String user = info == null ? null : info.getProperty("user");
        String password = info == null ? null : info.getProperty("password");
        String u = user != null ? user : PgJdbc.urlParam(url, "user");
        String pw = password != null ? password : PgJdbc.urlParam(url, "password");
        String bareUrl = PgJdbc.withoutCredentials(url);
        return GROUPS.computeIfAbsent(bareUrl + '\u0000' + u, k -> {
            Properties props = new Properties();
            if (info != null) {
                props.putAll(info);
                props.remove("user");
                props.remove("password");
            }
            return new DirectConnections(k, bareUrl, u, pw, props, driverLoader);
        });
    }

    /** Called for each connection of the group, on the thread that opened it: no waiting, no I/O. */
    void opened(Object connection) {
        lastOpenedNanos = System.nanoTime();
        connections.removeIf(ref -> ref.get() == null);
        connections.add(new WeakReference<>(connection));
    }

    /**
     * True when no connection of the group is open and none was opened for the linger time; the group then
     * leaves the map, so the next direct connection starts (and announces) it anew. Agent thread only.
     */
    public boolean retireIfIdle() {
        if (System.nanoTime() - lastOpenedNanos < LINGER_NANOS) {
            return false;
        }
        connections.removeIf(ref -> {
            Object c = ref.get();
            return c == null || Boolean.TRUE.equals(Reflect.invoke(c, "isClosed"));
        });
        if (!connections.isEmpty()) {
            return false;
        }
        GROUPS.remove(key, this);
        return true;
    }

    /** The NAME this group had before, so that it comes back under the same one. */
    public String rememberedName() {
        return NAMES.get(key);
    }

    void rememberName(String name) {
        NAMES.put(key, name);
    }

    /** True once: the first connection of the group announces it for registration. */
    boolean announce() {
        return announced.compareAndSet(false, true);
    }

    /** Agent thread only: asks each connection whether it is closed. */
    boolean hasOpenConnection() {
        for (WeakReference<Object> ref : connections) {
            Object c = ref.get();
            if (c != null && !Boolean.TRUE.equals(Reflect.invoke(c, "isClosed"))) {
                return true;
            }
        }
        return false;
    }

    /** The group was not registered after all: its next connection announces it again. */
    void withdrawAnnouncement() {
        announced.set(false);
    }

    ClassLoader driverLoader() {
        return driverLoader.get();
    }

    /** The URL without user and password. */
    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    /** How to open a connection like the group's: its URL, credentials, driver properties and driver's loader. */
    public ConnectionSpec connectionSpec() {
        Properties properties = new Properties();
        properties.putAll(driverProperties);
        return new ConnectionSpec(url, user, password, properties, driverLoader());
    }
}
