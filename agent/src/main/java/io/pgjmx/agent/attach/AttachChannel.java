package io.pgjmx.agent.attach;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The JDK's attach channel to one local JVM (the one jcmd and JConsole use), with the API's bare
 * {@code IOException}s turned into messages that say what to do. The only place that attaches: the agent's
 * launcher and the console (its {@code attach}, {@code jvms} and PID targets) all come through here.
 */
public final class AttachChannel implements AutoCloseable {

    private final long pid;
    private final TargetProcess target;
    private final VirtualMachine vm;

    private AttachChannel(long pid, TargetProcess target, VirtualMachine vm) {
        this.pid = pid;
        this.target = target;
        this.vm = vm;
    }

    /** Attaches to {@code pid}; close it when done. */
    public static AttachChannel open(long pid) throws AttachFailure {
        if (pid == ProcessHandle.current().pid()) {
            throw new AttachFailure(ExitStatus.USAGE, "PID " + pid + " is this command's own process");
        }
        TargetProcess target = TargetProcess.check(pid);
        try {
            return new AttachChannel(pid, target, VirtualMachine.attach(Long.toString(pid)));
        } catch (AttachNotSupportedException e) {
            throw new AttachFailure(ExitStatus.UNREACHABLE, "could not attach to PID " + pid + ": " + e.getMessage()
                    + ". Is it a HotSpot JVM (Java 17+) that has finished starting, and not started with "
                    + "-XX:+DisableAttachMechanism?", e);
        } catch (IOException e) {
            throw mapped(pid, e);
        }
    }

    public long pid() {
        return pid;
    }

    /** The name of the process's executable, e.g. {@code java}. */
    String command() {
        return target.command();
    }

    public Properties systemProperties() throws AttachFailure {
        try {
            return vm.getSystemProperties();
        } catch (IOException e) {
            throw mapped(pid, e);
        }
    }

    /**
     * The address of the JVM's local JMX connector, started now if it was not running, as JConsole does. For
     * the console's own reading of a PID target only: the attach itself never starts it (it stays open until
     * the JVM exits).
     */
    public String startLocalJmxConnector() throws AttachFailure {
        try {
            return vm.startLocalManagementAgent();
        } catch (IOException e) {
            throw new AttachFailure(ExitStatus.UNREACHABLE, "JVM " + pid + " did not start its local JMX connector: "
                    + e.getMessage(), e);
        }
    }

    void loadAgent(Path jar, String options) throws AttachFailure {
        try {
            vm.loadAgent(jar.toString(), options);
        } catch (AgentLoadException e) {
            if (String.valueOf(e.getMessage()).contains("Dynamic agent loading is not enabled")) {
                throw new AttachFailure(ExitStatus.REFUSED, "JVM " + pid + " was started with "
                        + "-XX:-EnableDynamicAgentLoading, so no agent can be loaded into it while it runs. Start it "
                        + "with -javaagent:" + jar + " instead (or without that flag).", e);
            }
            throw new AttachFailure(ExitStatus.FAILURE, "JVM " + pid + " could not load " + jar + ": " + e.getMessage(),
                    e);
        } catch (AgentInitializationException e) {
            throw new AttachFailure(ExitStatus.NO_PGJMX, "pgjmx failed to start in JVM " + pid + ": " + e.getMessage()
                    + "; its standard error says more", e);
        } catch (IOException e) {
            throw mapped(pid, e);
        }
    }

    private static AttachFailure mapped(long pid, IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("No such process") || message.contains("non existent")) {
            return new AttachFailure(ExitStatus.UNREACHABLE, "there is no JVM with PID " + pid
                    + " (it may just have ended). List the JVMs with: jps -l", e);
        }
        if (message.contains("Operation not permitted") || message.contains("Permission denied")
                || message.contains("owned by")) {
            return TargetProcess.otherUser(pid, ProcessHandle.of(pid).flatMap(h -> h.info().user()).orElse("?"));
        }
        return new AttachFailure(ExitStatus.UNREACHABLE, "talking to JVM " + pid + " failed: " + e, e);
    }

    @Override
    public void close() {
        try {
            vm.detach();
        } catch (IOException e) {
            // the attach channel closes with the target
        }
    }
}
