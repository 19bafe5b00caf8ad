package io.pgjmx.console.client;

import io.pgjmx.agent.attach.AttachChannel;
import io.pgjmx.agent.attach.AttachFailure;
import io.pgjmx.api.ObjectNames;
import io.pgjmx.console.ConsoleException;
import io.pgjmx.console.ExitCodes;
import java.io.IOException;
import java.net.MalformedURLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** Opens a {@link PgjmxClient} for a {@link Target}, and checks that pgjmx is there. */
public final class Clients {

    /** RMI waits minutes for a host that drops packets; an operator in an incident should not. */
    private static final long CONNECT_SECONDS = 15;

    private Clients() {
    }

    /** Credentials apply to Jolokia URLs (basic auth) and remote JMX (the JDK's password file auth). */
    public static PgjmxClient open(Target target, String user, String password) {
        PgjmxClient client = switch (target.kind()) {
            case LOCAL_PID -> local(target.address());
            case JMX -> remote(target.address(), user, password);
            case JOLOKIA -> new JolokiaClient(target.address(), user, password);
        };
        boolean present;
        try {
            present = client instanceof JmxClient j ? j.hasAgent() : ((JolokiaClient) client).hasAgent();
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        if (!present) {
            client.close();
            throw new ConsoleException(ExitCodes.NO_PGJMX, "pgjmx is not loaded in " + target + " (no "
                    + ObjectNames.AGENT + "): " + howToLoad(target));
        }
        return client;
    }

    private static String howToLoad(Target target) {
        return switch (target.kind()) {
            case LOCAL_PID -> "load it with: java -jar pgjmx-console.jar attach " + target.address();
            case JMX -> "start that JVM with -javaagent:pgjmx-agent.jar, or run the attach command on its host";
            case JOLOKIA -> "this Jolokia is not pgjmx's; pgjmx's URL is the JolokiaUrl of its Agent MBean";
        };
    }

    /** Over the JVM's local JMX connector, started if need be, as JConsole does: for this reading only. */
    private static PgjmxClient local(String pid) {
        String address;
        try (AttachChannel channel = LocalJvm.attach(pid)) {
            address = channel.startLocalJmxConnector();
        } catch (AttachFailure e) {
            throw LocalJvm.failed(e);
        }
        try {
            return new JmxClient(JMXConnectorFactory.connect(new JMXServiceURL(address)), "JVM " + pid);
        } catch (IOException e) {
            throw new ConsoleException(ExitCodes.UNREACHABLE, "cannot connect to the local JMX connector of JVM " + pid
                    + ": " + e.getMessage(), e);
        }
    }

    private static PgjmxClient remote(String serviceUrl, String user, String password) {
        JMXServiceURL url;
        try {
            url = new JMXServiceURL(serviceUrl);
        } catch (MalformedURLException e) {
            throw new ConsoleException(ExitCodes.USAGE, "'" + serviceUrl + "' is not a JMX service URL: " + e.getMessage()
                    + " (e.g. service:jmx:rmi:///jndi/rmi://HOST:PORT/jmxrmi, or just HOST:PORT)");
        }
        Map<String, Object> env = new HashMap<>();
        if (user != null) {
            env.put(JMXConnector.CREDENTIALS, new String[] {user, password == null ? "" : password});
        }
        ExecutorService connecting = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "jmx-connect");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<JMXConnector> connector = connecting.submit(() -> JMXConnectorFactory.connect(url, env));
            return new JmxClient(connector.get(CONNECT_SECONDS, TimeUnit.SECONDS), serviceUrl);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SecurityException) {
                throw new ConsoleException(ExitCodes.UNREACHABLE, serviceUrl + " refused the credentials: "
                        + cause.getMessage() + " (give --user and --password)", cause);
            }
            throw new ConsoleException(ExitCodes.UNREACHABLE, "cannot connect to " + serviceUrl + ": " + rootMessage(cause),
                    cause);
        } catch (TimeoutException e) {
            throw new ConsoleException(ExitCodes.UNREACHABLE, "no answer from " + serviceUrl + " within "
                    + CONNECT_SECONDS + " s");
        } catch (IOException e) {
            throw new ConsoleException(ExitCodes.UNREACHABLE, "cannot connect to " + serviceUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsoleException(ExitCodes.FAILURE, "interrupted while connecting to " + serviceUrl);
        } finally {
            connecting.shutdownNow();
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == t ? String.valueOf(t.getMessage()) : t.getClass().getSimpleName() + " (" + root + ")";
    }
}
