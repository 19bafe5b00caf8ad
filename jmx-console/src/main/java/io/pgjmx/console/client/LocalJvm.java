package io.pgjmx.console.client;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import io.pgjmx.console.ConsoleException;
import io.pgjmx.console.ExitCodes;
import java.io.IOException;

/** A JVM on this machine, through the JDK's attach API: the same channel jcmd and JConsole use. */
public final class LocalJvm {

    /** The agent property under which a running local JMX connector publishes its address. */
    public static final String LOCAL_CONNECTOR = "com.sun.management.jmxremote.localConnectorAddress";

    private LocalJvm() {
    }

    /** Attaches to {@code pid}, or fails with UNREACHABLE and what to check. Detach when done. */
    public static VirtualMachine attach(String pid) {
        if (pid.equals(String.valueOf(ProcessHandle.current().pid()))) {
            throw new ConsoleException(ExitCodes.USAGE, "pid " + pid + " is this console itself");
        }
        try {
            return VirtualMachine.attach(pid);
        } catch (AttachNotSupportedException | IOException e) {
            boolean exists = ProcessHandle.of(Long.parseLong(pid)).isPresent();
            String why = !exists ? "there is no process " + pid
                    : "process " + pid + " is not a JVM this user can attach to (run the console as the user that "
                            + "runs it, and on the same JDK family)";
            throw new ConsoleException(ExitCodes.UNREACHABLE, why + " [" + e.getMessage() + "]; jvms lists the "
                    + "JVMs you can reach", e);
        }
    }

    /** The address of the JVM's local JMX connector, started now if it was not running (as JConsole does). */
    public static String localConnectorAddress(VirtualMachine vm) {
        try {
            return vm.startLocalManagementAgent();
        } catch (IOException e) {
            throw new ConsoleException(ExitCodes.UNREACHABLE, "JVM " + vm.id() + " did not start its local JMX "
                    + "connector: " + e.getMessage(), e);
        }
    }

    public static void detach(VirtualMachine vm) {
        try {
            vm.detach();
        } catch (IOException ignored) {
            // the attach channel closes with the process anyway
        }
    }
}
