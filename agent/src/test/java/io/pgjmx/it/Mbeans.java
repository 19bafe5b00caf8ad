package io.pgjmx.it;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

/** Calls the DataSource MBean the way a generic JMX client does: by name, with open types. */
final class Mbeans {

    private final MBeanServerConnection jmx;
    private final ObjectName name;

    Mbeans(MBeanServerConnection jmx, ObjectName name) {
        this.jmx = jmx;
        this.name = name;
    }

    CompositeData[] listSessions(String filter) throws Exception {
        return (CompositeData[]) jmx.invoke(name, "listSessions", new Object[] {filter}, new String[] {"java.lang.String"});
    }

    List<Integer> pids(String filter) throws Exception {
        return Arrays.stream(listSessions(filter)).map(c -> (Integer) c.get("pid")).sorted().collect(Collectors.toList());
    }

    String showSessions(String filter) throws Exception {
        return (String) jmx.invoke(name, "showSessions", new Object[] {filter}, new String[] {"java.lang.String"});
    }

    int[] terminateSessions(String filter) throws Exception {
        return (int[]) jmx.invoke(name, "terminateSessions", new Object[] {filter}, new String[] {"java.lang.String"});
    }

    int[] cancelSessions(String filter) throws Exception {
        return (int[]) jmx.invoke(name, "cancelSessions", new Object[] {filter}, new String[] {"java.lang.String"});
    }

    boolean terminateSession(int pid) throws Exception {
        return (Boolean) jmx.invoke(name, "terminateSession", new Object[] {pid}, new String[] {"int"});
    }

    boolean cancelSession(int pid) throws Exception {
        return (Boolean) jmx.invoke(name, "cancelSession", new Object[] {pid}, new String[] {"int"});
    }

    Object attribute(String attribute) throws Exception {
        return jmx.getAttribute(name, attribute);
    }

    /** The message a JMX client shows for a failed call: the innermost cause's. */
    static String messageOf(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    static List<Integer> sorted(int[] pids) {
        return Arrays.stream(pids).sorted().boxed().collect(Collectors.toList());
    }
}
