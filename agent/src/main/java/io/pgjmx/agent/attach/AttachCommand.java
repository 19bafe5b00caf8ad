package io.pgjmx.agent.attach;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * {@code attach PID [key=value,...]}: loads this jar into a running JVM with the JDK's attach API, waits
 * until the agent is up and says where to reach it. Uses only the {@code jdk.attach} and JMX modules of
 * the JDK it runs on, which may be another JDK version than the target's.
 */
public final class AttachCommand {

    private static final Duration AGENT_UP_LIMIT = Duration.ofSeconds(10);
    private static final Duration FIRST_DATA_SOURCES_LIMIT = Duration.ofSeconds(2);

    private final long pid;
    private final String options;
    private final PrintStream out;
    private final PrintStream err;

    private AttachCommand(long pid, String options, PrintStream out, PrintStream err) {
        this.pid = pid;
        this.options = options;
        this.out = out;
        this.err = err;
    }

    /** {@code args} are what follows the word {@code attach}. Returns the exit status. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            return parse(args, out, err).attach();
        } catch (AttachFailure f) {
            err.println("pgjmx attach: " + f.getMessage());
            return f.exitStatus();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("pgjmx attach: interrupted");
            return AttachFailure.OTHER;
        }
    }

    private static AttachCommand parse(List<String> args, PrintStream out, PrintStream err) throws AttachFailure {
        if (args.isEmpty()) {
            throw new AttachFailure(AttachFailure.USAGE, "which JVM? Give its PID: attach PID [key=value,...]");
        }
        long pid;
        try {
            pid = Long.parseLong(args.get(0));
        } catch (NumberFormatException e) {
            pid = -1;
        }
        if (pid <= 0) {
            throw new AttachFailure(AttachFailure.USAGE, "'" + args.get(0) + "' is not a process id; usage: attach PID "
                    + "[key=value,...]. List the JVMs with: jps -l");
        }
        // "attach 42 readOnly=true port=0" and "attach 42 readOnly=true,port=0" mean the same
        String options = String.join(",", args.subList(1, args.size())).trim();
        return new AttachCommand(pid, options.isEmpty() ? null : options, out, err);
    }

    private int attach() throws AttachFailure, InterruptedException {
        Path jar = agentJar();
        TargetProcess target = TargetProcess.check(pid);
        VirtualMachine vm = connect();
        try {
            Properties before = properties(vm);
            checkJavaVersion(before);
            long seenProblems = AgentStatus.lastSequence(before);
            boolean wasRunning = AgentStatus.RUNNING.equals(before.getProperty(AgentStatus.STATE));
            load(vm, jar);
            Properties after = properties(vm);
            if (AgentStatus.OFF.equals(after.getProperty(AgentStatus.STATE))) {
                showProblems(after, seenProblems);
                throw new AttachFailure(AttachFailure.AGENT_REPORTED_ERRORS, "pgjmx did not start in JVM " + pid
                        + " because of the problems above; the application runs on without it. Fix them and attach "
                        + "again.");
            }
            AgentProbe.AgentView view = awaitAgent(vm, wasRunning);
            List<AgentStatus.Problem> problems = showProblems(properties(vm), seenProblems);
            report(target, before, view, wasRunning);
            if (problems.stream().anyMatch(AgentStatus.Problem::isError)) {
                err.println("pgjmx attach: pgjmx runs in JVM " + pid + " but reported the errors above");
                return AttachFailure.AGENT_REPORTED_ERRORS;
            }
            return 0;
        } finally {
            try {
                vm.detach();
            } catch (IOException e) {
                // the attach channel closes with the target
            }
        }
    }

    /** This very jar: the target loads the agent from the same file the command runs from. */
    private static Path agentJar() throws AttachFailure {
        try {
            Path jar = Path.of(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toAbsolutePath().normalize();
            if (Files.isRegularFile(jar)) {
                return jar;
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the message
        }
        throw new AttachFailure(AttachFailure.OTHER, "run the attach command from the agent jar: java -jar "
                + "pgjmx-agent.jar attach PID");
    }

    private VirtualMachine connect() throws AttachFailure {
        try {
            return VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException e) {
            throw new AttachFailure(AttachFailure.OTHER, "could not attach to PID " + pid + ": " + e.getMessage()
                    + ". Is it a HotSpot JVM (Java 17+) that has finished starting, and not started with "
                    + "-XX:+DisableAttachMechanism?");
        } catch (IOException e) {
            throw mapped(e);
        }
    }

    private AttachFailure mapped(IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("No such process") || message.contains("non existent")) {
            return new AttachFailure(AttachFailure.NO_SUCH_PROCESS, "there is no JVM with PID " + pid
                    + " (it may just have ended). List the JVMs with: jps -l");
        }
        if (message.contains("Operation not permitted") || message.contains("Permission denied")
                || message.contains("owned by")) {
            return TargetProcess.otherUser(pid, ProcessHandle.of(pid).flatMap(h -> h.info().user()).orElse("?"));
        }
        return new AttachFailure(AttachFailure.OTHER, "talking to JVM " + pid + " failed: " + e);
    }

    private Properties properties(VirtualMachine vm) throws AttachFailure {
        try {
            return vm.getSystemProperties();
        } catch (IOException e) {
            throw mapped(e);
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
        throw new AttachFailure(AttachFailure.OTHER, "JVM " + pid + " runs Java " + spec + "; pgjmx needs Java 17 or "
                + "newer");
    }

    private void load(VirtualMachine vm, Path jar) throws AttachFailure {
        try {
            vm.loadAgent(jar.toString(), options);
        } catch (AgentLoadException e) {
            if (String.valueOf(e.getMessage()).contains("Dynamic agent loading is not enabled")) {
                throw new AttachFailure(AttachFailure.DYNAMIC_LOADING_DISABLED, "JVM " + pid + " was started with "
                        + "-XX:-EnableDynamicAgentLoading, so no agent can be loaded into it while it runs. Start it "
                        + "with -javaagent:" + jar + " instead (or without that flag).");
            }
            throw new AttachFailure(AttachFailure.OTHER, "JVM " + pid + " could not load " + jar + ": " + e.getMessage());
        } catch (AgentInitializationException e) {
            throw new AttachFailure(AttachFailure.AGENT_REPORTED_ERRORS, "pgjmx failed to start in JVM " + pid + ": "
                    + e.getMessage() + "; its standard error says more");
        } catch (IOException e) {
            throw mapped(e);
        }
    }

    private AgentProbe.AgentView awaitAgent(VirtualMachine vm, boolean wasRunning)
            throws AttachFailure, InterruptedException {
        try (AgentProbe probe = new AgentProbe(vm.startLocalManagementAgent())) {
            AgentProbe.AgentView view = probe.awaitAgent(AGENT_UP_LIMIT);
            if (view == null) {
                throw new AttachFailure(AttachFailure.OTHER, "pgjmx was loaded into JVM " + pid + " but its MBean "
                        + "pgjmx:type=Agent did not appear within " + AGENT_UP_LIMIT.toSeconds() + " s; the JVM's "
                        + "standard error (lines with [pgjmx]) says why");
            }
            return wasRunning ? view : probe.awaitDataSources(view, FIRST_DATA_SOURCES_LIMIT);
        } catch (IOException e) {
            throw new AttachFailure(AttachFailure.OTHER, "pgjmx was loaded into JVM " + pid + ", but reading its "
                    + "MBeans over local JMX failed: " + e);
        }
    }

    private List<AgentStatus.Problem> showProblems(Properties target, long after) {
        List<AgentStatus.Problem> problems = AgentStatus.problems(target, after);
        for (AgentStatus.Problem p : problems) {
            err.println("JVM " + pid + " [pgjmx] " + p.level() + " " + p.message());
        }
        return problems;
    }

    private void report(TargetProcess target, Properties before, AgentProbe.AgentView view, boolean wasRunning) {
        // the main class or jar says more about the application than the name of its executable (java)
        String main = before.getProperty("sun.java.command", "").trim().split("\\s+")[0];
        String jvm = "JVM " + pid + " (" + (main.isEmpty() ? target.command() : main) + ", Java "
                + before.getProperty("java.version", "?") + ")";
        if (wasRunning) {
            out.println("pgjmx " + view.version() + " was already running in " + jvm + "; nothing changed");
            if (options != null) {
                out.println("The options given now were not applied; they take effect when the JVM starts with them.");
            }
        } else {
            out.println("pgjmx " + view.version() + " attached to " + jvm);
        }
        String url = view.jolokiaUrl();
        out.println(url == null || url.isEmpty() ? "HTTP endpoint off" : "Jolokia: " + url);
        out.println("JMX: pgjmx:type=Agent (jconsole " + pid + ")");
        String[] names = view.dataSourceNames();
        if (names.length > 0) {
            out.println("DataSources: " + String.join(", ", names));
        } else {
            out.println("DataSources: none found yet");
        }
        if (!wasRunning) {
            out.println("Pools created before the attach appear on their next getConnection; an idle HikariCP pool "
                    + "within its housekeeping period (30 s by default).");
        }
    }
}
