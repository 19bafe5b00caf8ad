package io.pgjmx.console.client;

import io.pgjmx.api.AgentAttributes;
import io.pgjmx.api.ObjectNames;
import io.pgjmx.api.SessionAction;
import java.util.List;
import java.util.Map;

/**
 * The pgjmx MBeans of one JVM, over whichever transport reaches it (JMX or Jolokia HTTP). Failures inside the
 * agent come back as {@link OperationFailed}; a transport that cannot reach the JVM fails with a
 * {@link io.pgjmx.console.ConsoleException} of status UNREACHABLE.
 */
public interface PgjmxClient extends AutoCloseable {

    /** How the target was reached, for messages: "JVM 4242", "service:jmx:...", "http://...". */
    String describe();

    /** The named attributes of one MBean, in the order asked. */
    Map<String, Object> attributes(String mbean, List<String> names);

    default AgentInfo agent() {
        return AgentInfo.of(attributes(ObjectNames.AGENT, AgentAttributes.ALL));
    }

    /** The named attributes of {@code pgjmx:type=DataSource,name=NAME}, in the order asked. */
    default Map<String, Object> dataSourceAttributes(String dataSource, List<String> attributes) {
        return attributes(ObjectNames.dataSource(dataSource), attributes);
    }

    List<Session> listSessions(String dataSource, String filter);

    /** {@code cancelSession} / {@code terminateSession}. */
    boolean signal(SessionAction action, String dataSource, int pid);

    /** {@code cancelSessions} / {@code terminateSessions}: the pids hit. */
    List<Integer> signalAll(SessionAction action, String dataSource, String filter);

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
}
