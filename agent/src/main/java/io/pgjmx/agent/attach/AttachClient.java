package io.pgjmx.agent.attach;

import io.pgjmx.api.StatusProperties;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * Loads the agent into a running JVM and says where to reach it: the one attach of both the agent jar's
 * {@code attach} command and the console's. Everything it learns comes over the attach channel, from the
 * {@link AgentStatus} properties, so the target is left listening on the pgjmx port and nothing else new.
 * Uses only the {@code jdk.attach} module of the JDK it runs on, which may be another version than the target's.
 */
public record AttachClient(long pid, String options, PrintStream out, PrintStream err) {

    private static final Duration AGENT_UP_LIMIT = Duration.ofSeconds(10);
    private static final Duration FIRST_DATA_SOURCES_LIMIT = Duration.ofSeconds(2);
    private static final long POLL_MILLIS = 100;

    /** {@code options} null or blank: none (null), so "were options given?" has one answer. */
    public AttachClient {
        options = options == null || options.isBlank() ? null : options.trim();
    }

    /**
     * Loads {@code agentJar} with {@code options} (null or empty: none) into JVM {@code pid}, waits until the
     * agent is up and prints where to reach it on {@code out}, and the agent's new warnings and errors on
     * {@code err}. Attaching to a JVM where pgjmx runs changes nothing. Fails with the exit status to end with.
     */
    public static void attach(long pid, Path agentJar, String options, PrintStream out, PrintStream err)
            throws AttachFailure, InterruptedException {
        new AttachClient(pid, options, out, err).attach(agentJar);
    }

    private void attach(Path agentJar) throws AttachFailure, InterruptedException {
        try (AttachChannel channel = AttachChannel.open(pid)) {
            Properties before = channel.systemProperties();
            checkJavaVersion(before);
            long seenProblems = AgentStatus.lastSequence(before);
            String stateBefore = AgentStatus.state(before);
            // starting: another start (-javaagent, or an attach) is under way, and this one will change nothing
            boolean wasRunning = StatusProperties.RUNNING.equals(stateBefore)
                    || StatusProperties.STARTING.equals(stateBefore);
            // also when it runs: the agent then logs that a second start was ignored, where the operator looks
            channel.loadAgent(agentJar, options);
            Properties now = awaitSettled(channel);
            if (StatusProperties.OFF.equals(AgentStatus.state(now))) {
                showProblems(now, seenProblems);
                throw new AttachFailure(ExitStatus.NO_PGJMX, "pgjmx did not start in JVM " + pid + " because of the "
                        + "problems above; the application runs on without it. Fix them and attach again.");
            }
            if (!wasRunning) {
                now = awaitFirstDataSource(channel, now);
            }
            List<AgentStatus.Problem> problems = showProblems(now, seenProblems);
            report(channel, before, now, wasRunning);
            if (problems.stream().anyMatch(AgentStatus.Problem::isError)) {
                throw new AttachFailure(ExitStatus.NO_PGJMX, "pgjmx runs in JVM " + pid + " but reported the errors "
                        + "above");
            }
        }
    }

    private void checkJavaVersion(Properties target) throws AttachFailure {
        String spec = target.getProperty("java.specification.version", "");
        try {
            if (Integer.parseInt(spec) >= 17) {
                return;
            }
        } catch (NumberFormatException e) {
            // "1.8" and the like
        }
        throw new AttachFailure(ExitStatus.FAILURE, "JVM " + pid + " runs Java " + spec + "; pgjmx needs Java 17 or "
                + "newer");
    }

    /** Polls the state until the agent is running or off: the start's HTTP part runs on the agent's thread. */
    private Properties awaitSettled(AttachChannel channel) throws AttachFailure, InterruptedException {
        long deadline = System.nanoTime() + AGENT_UP_LIMIT.toNanos();
        while (true) {
            Properties now = channel.systemProperties();
            String state = AgentStatus.state(now);
            if (StatusProperties.RUNNING.equals(state) || StatusProperties.OFF.equals(state)) {
                return now;
            }
            if (System.nanoTime() > deadline) {
                throw new AttachFailure(ExitStatus.NO_PGJMX, "pgjmx was loaded into JVM " + pid + " but did not "
                        + "report running within " + AGENT_UP_LIMIT.toSeconds() + " s (its state: " + state + "); the "
                        + "JVM's standard error (lines with [pgjmx]) says why");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Gives busy pools a moment to be found (each on its next getConnection) when none is there yet. */
    private Properties awaitFirstDataSource(AttachChannel channel, Properties now)
            throws AttachFailure, InterruptedException {
        long deadline = System.nanoTime() + FIRST_DATA_SOURCES_LIMIT.toNanos();
        while (AgentStatus.dataSources(now).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
            now = channel.systemProperties();
        }
        return now;
    }

    private List<AgentStatus.Problem> showProblems(Properties target, long after) {
        List<AgentStatus.Problem> problems = AgentStatus.problems(target, after);
        for (AgentStatus.Problem p : problems) {
            err.println("JVM " + pid + " [pgjmx] " + p.level() + " " + p.message());
        }
        return problems;
    }

    private void report(AttachChannel channel, Properties before, Properties now, boolean wasRunning) {
        // the main class or jar says more about the application than the name of its executable (java)
        String main = before.getProperty("sun.java.command", "").trim().split("\\s+")[0];
        String jvm = "JVM " + pid + " (" + (main.isEmpty() ? channel.command() : main) + ", Java "
                + before.getProperty("java.version", "?") + ")";
        String version = AgentStatus.version(now);
        if (wasRunning) {
            out.println("pgjmx " + version + " was already running in " + jvm + "; nothing changed");
            if (options != null) {
                out.println("The options given now were not applied; they take effect when the JVM starts with them.");
            }
        } else {
            out.println("pgjmx " + version + " attached to " + jvm);
        }
        String url = AgentStatus.jolokiaUrl(now);
        out.println(url.isEmpty() ? "HTTP endpoint off" : "Jolokia: " + url);
        out.println("JMX: pgjmx:type=Agent (jconsole " + pid + ")");
        List<String> names = AgentStatus.dataSources(now);
        out.println("DataSources: " + (names.isEmpty() ? "none found yet" : String.join(", ", names)));
        if (!wasRunning) {
            out.println("Idle pools are listed where the JVM holds them in reach (HikariCP, Tomcat JDBC, DBCP2 with an "
                    + "evictor or jmxName, Spring beans); other pools appear on their next getConnection.");
        }
    }
}
