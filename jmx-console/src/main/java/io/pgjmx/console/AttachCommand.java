package io.pgjmx.console;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.VirtualMachine;
import io.pgjmx.console.client.AgentInfo;
import io.pgjmx.console.client.Clients;
import io.pgjmx.console.client.LocalJvm;
import io.pgjmx.console.client.PgjmxClient;
import io.pgjmx.console.client.Target;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code attach PID [key=value,...]}: loads the agent into a running JVM and says where to reach it. */
@Command(name = "attach", mixinStandardHelpOptions = true,
        description = {"Load pgjmx into a running local JVM (the JDK's attach API), wait until it is up, and print "
                + "its Jolokia URL and DataSources.",
            "Run it as the user that runs the JVM. Attaching again is harmless."})
final class AttachCommand implements Callable<Integer> {

    private static final Duration AGENT_UP_LIMIT = Duration.ofSeconds(10);
    private static final Duration FIRST_DATA_SOURCE_LIMIT = Duration.ofSeconds(2);

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
        String agentOptions = String.join(",", options);
        VirtualMachine vm = LocalJvm.attach(target.address());
        boolean wasRunning;
        try {
            Properties before = vm.getSystemProperties();
            wasRunning = "running".equals(before.getProperty(PgjmxPresence.STATE));
            long problemsSeen = AgentProblems.lastSequence(before);
            if (!wasRunning) {
                load(vm, jar, agentOptions);
            }
            awaitStart(vm, problemsSeen);
        } finally {
            LocalJvm.detach(vm);
        }
        try (PgjmxClient client = awaitAgentMBean(target)) {
            AgentInfo agent = awaitFirstDataSource(client);
            System.out.println("pgjmx " + agent.version() + (wasRunning ? " was already running in " : " loaded into ")
                    + target + (wasRunning ? "; nothing changed" + (agentOptions.isEmpty() ? ""
                            : " (the options given now are not applied)") : ""));
            System.out.println("Jolokia: " + (agent.jolokiaUrl().isEmpty() ? "off (JMX only)" : agent.jolokiaUrl()));
            System.out.println("JMX: pgjmx:type=Agent (jconsole " + target.address() + ")");
            System.out.println("DataSources: " + (agent.dataSourceNames().isEmpty()
                    ? "none yet (a pool appears on its next getConnection; an idle HikariCP pool at its next housekeeping run)"
                    : String.join(", ", agent.dataSourceNames())));
            System.out.println("Next: java -jar pgjmx-console.jar sessions " + target.address());
        }
        return ExitCodes.OK;
    }

    private static void load(VirtualMachine vm, Path jar, String options) {
        try {
            vm.loadAgent(jar.toString(), options.isEmpty() ? null : options);
        } catch (AgentLoadException e) {
            throw new ConsoleException(ExitCodes.REFUSED, "JVM " + vm.id() + " refused to load " + jar + ": "
                    + e.getMessage() + " (started with -XX:-EnableDynamicAgentLoading? then restart it with "
                    + "-javaagent:" + jar + ")", e);
        } catch (AgentInitializationException e) {
            throw new ConsoleException(ExitCodes.NO_PGJMX, "the agent failed to start in JVM " + vm.id() + ": "
                    + e.getMessage() + "; see the JVM's standard error ([pgjmx] lines)", e);
        } catch (IOException e) {
            throw new ConsoleException(ExitCodes.UNREACHABLE, "lost JVM " + vm.id() + " while loading the agent: "
                    + e.getMessage(), e);
        }
    }

    /** Waits for the agent's {@value PgjmxPresence#STATE}; "off" means it refused to start, and says why. */
    private static void awaitStart(VirtualMachine vm, long problemsSeen) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + AGENT_UP_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            Properties now = vm.getSystemProperties();
            String state = now.getProperty(PgjmxPresence.STATE);
            for (String problem : AgentProblems.after(now, problemsSeen)) {
                System.err.println("agent: " + problem);
                problemsSeen = AgentProblems.lastSequence(now);
            }
            if ("off".equals(state)) {
                throw new ConsoleException(ExitCodes.NO_PGJMX, "pgjmx did not start in JVM " + vm.id()
                        + " (see the agent's messages above); the application runs on unchanged");
            }
            if ("running".equals(state)) {
                return;
            }
            Thread.sleep(100);
        }
        // an agent build that publishes no state: the Agent MBean tells instead
    }

    private static PgjmxClient awaitAgentMBean(Target target) throws InterruptedException {
        long deadline = System.nanoTime() + AGENT_UP_LIMIT.toNanos();
        while (true) {
            try {
                return Clients.open(target, null, null);
            } catch (ConsoleException e) {
                if (e.exitCode() != ExitCodes.NO_PGJMX || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(200);
        }
    }

    /** A pool in use is found within a moment of the attach: worth a short wait before saying "none yet". */
    private static AgentInfo awaitFirstDataSource(PgjmxClient client) throws InterruptedException {
        long deadline = System.nanoTime() + FIRST_DATA_SOURCE_LIMIT.toNanos();
        AgentInfo agent = client.agent();
        while (agent.dataSourceNames().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            agent = client.agent();
        }
        return agent;
    }
}
