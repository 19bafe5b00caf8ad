package io.pgjmx.console.client;

import io.pgjmx.api.DataSourceOperations;
import io.pgjmx.api.ObjectNames;
import io.pgjmx.api.SessionAction;
import io.pgjmx.console.ConsoleException;
import io.pgjmx.console.ExitCodes;
import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;

/** The pgjmx MBeans over a JMX connector (local attach or remote RMI), with the MXBeans' open types. */
public final class JmxClient implements PgjmxClient {

    /** The format the agent's Jolokia gives dates in, so both transports print the same text. */
    static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneId.systemDefault());

    private final JMXConnector connector;
    private final MBeanServerConnection server;
    private final String description;

    JmxClient(JMXConnector connector, String description) throws IOException {
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
        this.description = description;
    }

    @Override
    public String describe() {
        return description;
    }

    /** Whether {@code pgjmx:type=Agent} is registered: whether pgjmx runs in this JVM. */
    boolean hasAgent() {
        try {
            return server.isRegistered(name(ObjectNames.AGENT));
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    @Override
    public Map<String, Object> attributes(String mbean, List<String> names) {
        try {
            AttributeList list = server.getAttributes(name(mbean), names.toArray(new String[0]));
            Map<String, Object> byName = new LinkedHashMap<>();
            for (Attribute a : list.asList()) {
                byName.put(a.getName(), a.getValue());
            }
            Map<String, Object> ordered = new LinkedHashMap<>();
            for (String n : names) {
                ordered.put(n, byName.get(n));
            }
            return ordered;
        } catch (InstanceNotFoundException e) {
            throw new OperationFailed("InstanceNotFoundException", "no MBean " + mbean + " in " + description);
        } catch (JMException e) {
            throw failed(e);
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    @Override
    public List<Session> listSessions(String dataSource, String filter) {
        CompositeData[] rows = (CompositeData[]) invoke(dataSource, DataSourceOperations.LIST_SESSIONS, filter, String.class);
        List<Session> sessions = new ArrayList<>(rows.length);
        for (CompositeData row : rows) {
            sessions.add(Session.of(new CompositeFields(row)));
        }
        return sessions;
    }

    @Override
    public boolean signal(SessionAction action, String dataSource, int pid) {
        return (Boolean) invoke(dataSource, action.oneOperation(), pid, int.class);
    }

    @Override
    public List<Integer> signalAll(SessionAction action, String dataSource, String filter) {
        int[] pids = (int[]) invoke(dataSource, action.bulkOperation(), filter, String.class);
        return Arrays.stream(pids).boxed().toList();
    }

    @Override
    public String explainSession(String dataSource, int pid) {
        return (String) invoke(dataSource, DataSourceOperations.EXPLAIN_SESSION, pid, int.class);
    }

    @Override
    public Object sessionDetail(String dataSource, int pid) {
        return OpenValues.plain(invoke(dataSource, DataSourceOperations.SESSION_DETAIL, pid, int.class));
    }

    @Override
    public String lockTree(String dataSource) {
        return (String) invoke(dataSource, DataSourceOperations.LOCK_TREE, new Object[0], new String[0]);
    }

    @Override
    public Object lockRoots(String dataSource) {
        return OpenValues.plain(invoke(dataSource, DataSourceOperations.LOCK_ROOTS, new Object[0], new String[0]));
    }

    @Override
    public String incidentSnapshot(String dataSource) {
        return (String) invoke(dataSource, DataSourceOperations.INCIDENT_SNAPSHOT, new Object[0], new String[0]);
    }

    private Object invoke(String dataSource, String operation, Object argument, Class<?> type) {
        return invoke(dataSource, operation, new Object[] {argument}, new String[] {type.getName()});
    }

    private Object invoke(String dataSource, String operation, Object[] arguments, String[] signature) {
        try {
            return server.invoke(name(ObjectNames.dataSource(dataSource)), operation, arguments, signature);
        } catch (InstanceNotFoundException e) {
            throw new OperationFailed("InstanceNotFoundException", "DataSource " + dataSource + " is gone from "
                    + description + " (its pool was closed?)");
        } catch (JMException | RuntimeMBeanException e) {
            throw failed(e);
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    /** A JMX client shows the innermost cause: that is the agent's own exception and message. */
    private static OperationFailed failed(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new OperationFailed(root.getClass().getSimpleName(), root.getMessage());
    }

    private ConsoleException unreachable(IOException e) {
        return new ConsoleException(ExitCodes.UNREACHABLE, "lost the JMX connection to " + description + ": " + e, e);
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new ConsoleException(ExitCodes.USAGE, "'" + name + "' is not a valid MBean name: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException ignored) {
            // the JVM may be gone already; nothing is left to release on our side
        }
    }

    /** The fields of one CompositeData row of listSessions. */
    private record CompositeFields(CompositeData row) implements Session.FieldSource {
        @Override
        public Object get(String field) {
            return row.containsKey(field) ? row.get(field) : null;
        }

        @Override
        public String date(String field) {
            Object v = get(field);
            return v instanceof Date d ? ISO.format(d.toInstant()) : null;
        }

        @Override
        public List<Integer> integers(String field) {
            Object v = get(field);
            return v instanceof int[] a ? Arrays.stream(a).boxed().toList() : List.of();
        }
    }
}
