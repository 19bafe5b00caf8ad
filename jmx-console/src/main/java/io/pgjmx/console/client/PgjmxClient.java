package io.pgjmx.console.client;

import java.util.List;
import java.util.Map;

/**
 * The pgjmx MBeans of one JVM, over whichever transport reaches it (JMX or Jolokia HTTP). Failures inside the
 * agent come back as {@link OperationFailed}; a transport that cannot reach the JVM fails with a
 * {@link io.pgjmx.console.ConsoleException} of status UNREACHABLE.
 */
public interface PgjmxClient extends AutoCloseable {

    String AGENT = "pgjmx:type=Agent";

    /** How the target was reached, for messages: "JVM 4242", "service:jmx:...", "http://...". */
    String describe();

    AgentInfo agent();

    /** The named attributes of {@code pgjmx:type=DataSource,name=NAME}, in the order asked. */
    Map<String, Object> dataSourceAttributes(String dataSource, List<String> attributes);

    List<Session> listSessions(String dataSource, String filter);

    /** {@code cancelSession} / {@code terminateSession}. */
    boolean signal(Action action, String dataSource, int pid);

    /** {@code cancelSessions} / {@code terminateSessions}: the pids hit. */
    List<Integer> signalAll(Action action, String dataSource, String filter);

    /** {@code explainSession}: the session and the Java thread that holds it, as text. */
    String explainSession(String dataSource, int pid);

    /** {@code sessionDetail}, as plain values: maps, lists, strings and numbers (for {@code --json}). */
    Object sessionDetail(String dataSource, int pid);

    /** {@code lockTree}: who waits on whom, as an indented tree. */
    String lockTree(String dataSource);

    /** {@code lockRoots}, as plain values (a list of maps). */
    Object lockRoots(String dataSource);

    /** {@code incidentSnapshot}: one JSON document. */
    String incidentSnapshot(String dataSource);

    @Override
    void close();

    static String dataSourceMBean(String name) {
        return "pgjmx:type=DataSource,name=" + name;
    }
}
