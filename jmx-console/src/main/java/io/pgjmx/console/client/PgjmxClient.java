package io.pgjmx.console.client;

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

    AgentInfo agent();

    /** The named attributes of {@code pgjmx:type=DataSource,name=NAME}, in the order asked. */
    Map<String, Object> dataSourceAttributes(String dataSource, List<String> attributes);

    List<Session> listSessions(String dataSource, String filter);

    /** {@code cancelSession} / {@code terminateSession}. */
    boolean signal(SessionAction action, String dataSource, int pid);

    /** {@code cancelSessions} / {@code terminateSessions}: the pids hit. */
    List<Integer> signalAll(SessionAction action, String dataSource, String filter);

    @Override
    void close();
}
