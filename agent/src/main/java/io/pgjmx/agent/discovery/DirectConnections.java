package io.pgjmx.agent.discovery;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Physical connections opened outside any known pool (DriverManager.getConnection, a Driver called
 * directly, a pool pgjmx does not know), grouped by URL and user: each group is one DataSource,
 * {@code DriverManager-N}. DriverManager itself is a bootstrap class that cannot be advised cheaply; what is
 * seen is pgjdbc's Driver#connect with no pool's creation under way on the thread.
 */
final class DirectConnections {

    private static final Map<String, DirectConnections> GROUPS = new ConcurrentHashMap<>();

    final String url;
    final String user;
    final String password;
    final Properties driverProperties;
    private final WeakReference<ClassLoader> driverLoader;
    private final AtomicBoolean announced = new AtomicBoolean();

    private DirectConnections(String url, String user, String password, Properties driverProperties,
            ClassLoader driverLoader) {
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
            return new DirectConnections(bareUrl, u, pw, props, driverLoader);
        });
    }

    /** True once: the first connection of the group announces it for registration. */
    boolean announce() {
        return announced.compareAndSet(false, true);
    }

    ClassLoader driverLoader() {
        return driverLoader.get();
    }
}
