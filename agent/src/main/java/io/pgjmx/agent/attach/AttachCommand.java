package io.pgjmx.agent.attach;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The agent jar's {@code attach PID [key=value,...]}: loads this very jar with {@link AttachClient}. */
public final class AttachCommand {

    private AttachCommand() {
    }

    /** {@code args} are what follows the word {@code attach}. Returns the exit status. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            long pid = pid(args);
            // "attach 42 readOnly=true port=0" and "attach 42 readOnly=true,port=0" mean the same
            String options = AttachOptions.build(args.subList(1, args.size()), System.getenv());
            AttachClient.attach(pid, agentJar(), options, out, err);
            return ExitStatus.OK;
        } catch (AttachFailure f) {
            err.println("pgjmx attach: " + f.getMessage());
            return f.exitStatus();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("pgjmx attach: interrupted");
            return ExitStatus.FAILURE;
        }
    }

    private static long pid(List<String> args) throws AttachFailure {
        if (args.isEmpty()) {
            throw new AttachFailure(ExitStatus.USAGE, "which JVM? Give its PID: attach PID [key=value,...]");
        }
        long pid;
        try {
            pid = Long.parseLong(args.get(0));
        } catch (NumberFormatException e) {
            pid = -1;
        }
        if (pid <= 0) {
            throw new AttachFailure(ExitStatus.USAGE, "'" + args.get(0) + "' is not a process id; usage: attach PID "
                    + "[key=value,...]. List the JVMs with: jps -l");
        }
        return pid;
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
        throw new AttachFailure(ExitStatus.FAILURE, "run the attach command from the agent jar: java -jar "
                + "pgjmx-agent.jar attach PID");
    }
}
