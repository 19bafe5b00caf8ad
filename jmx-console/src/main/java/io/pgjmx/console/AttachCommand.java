package io.pgjmx.console;

import io.pgjmx.agent.attach.AttachClient;
import io.pgjmx.agent.attach.AttachFailure;
import io.pgjmx.console.client.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code attach PID [key=value,...]}: the agent's {@link AttachClient}, with the agent jar found for it. */
@Command(name = "attach", mixinStandardHelpOptions = true,
        description = {"Load pgjmx into a running local JVM (the JDK's attach API), wait until it is up, and print "
                + "its Jolokia URL and DataSources. The JVM is left listening on the pgjmx port and nothing else new.",
            "Run it as the user that runs the JVM. Attaching again is harmless."})
final class AttachCommand implements Callable<Integer> {

    @Mixin
    Verbosity verbosity;

    @Parameters(index = "0", paramLabel = "PID", description = "The JVM's process id (see jvms).")
    String pid;

    @Parameters(index = "1..*", paramLabel = "key=value", arity = "0..*",
            description = "Agent options, e.g. readOnly=true,port=0 (see the README's Options).")
    List<String> options = List.of();

    @Option(names = "--agent", paramLabel = "PATH",
            description = "The agent jar (default: pgjmx-agent.jar next to this jar, or agent/target in this repo).")
    Path agentJar;

    @Override
    public Integer call() throws Exception {
        Target target = Target.parse(pid);
        if (target.kind() != Target.Kind.LOCAL_PID) {
            throw new ConsoleException(ExitCodes.USAGE, "attach needs the PID of a local JVM, not '" + pid + "'");
        }
        Path jar = AgentJar.find(agentJar);
        try {
            AttachClient.attach(Long.parseLong(target.address()), jar, String.join(",", options), System.out,
                    System.err);
        } catch (AttachFailure e) {
            throw new ConsoleException(e.exitStatus(), e.getMessage(), e);
        }
        System.out.println("Next: java -jar pgjmx-console.jar sessions " + target.address());
        return ExitCodes.OK;
    }
}
