package io.pgjmx.testing;

import com.sun.tools.attach.VirtualMachine;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.JMXConnectorFactory;

/**
 * A test application in its own JVM, started with the real shaded agent jar as users start it (or without it,
 * to attach later), driven on stdin and reached over real JMX through the JDK's local connector.
 *
 * <p>The application speaks a line protocol: it prints {@code READY PID} once, then answers every command line
 * with one line starting {@code OK} or {@code ERR}; {@code exit} ends it. The application is the agent's
 * {@code io.pgjmx.testapp.TestApp} unless the builder names another; each module's failsafe set-up says where its
 * classes ({@code pgjmx.test.app.classes}), its libraries ({@code pgjmx.test.app.lib}) and the agent jar
 * ({@code pgjmx.agent.jar}) are.
 *
 * <pre>
 * try (AgentJvm app = AgentJvm.start("port=0")) { ... }                      // the usual case
 * AgentJvm.builder().java(Jdks.other().get()).agent(null).env("K", "v").start();  // anything else
 * </pre>
 */
public final class AgentJvm implements AutoCloseable {

    private static Path agentCopy;

    private final Process process;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();
    private final PrintWriter in;
    private final long pid;
    private JMXConnector connector;

    private AgentJvm(Process process) throws Exception {
        this.process = process;
        this.in = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
        pump(process.getInputStream(), true);
        pump(process.getErrorStream(), false);
        String ready = answers.poll(60, TimeUnit.SECONDS);
        if (ready == null || !ready.startsWith("READY ")) {
            process.destroyForcibly();
            throw new IllegalStateException("test application did not start: " + ready + "\nstderr:\n" + stderr);
        }
        this.pid = Long.parseLong(ready.substring(6).trim());
    }

    /** The test application with {@code -javaagent:pgjmx-agent.jar=agentOptions} (null: no agent). */
    public static AgentJvm start(String agentOptions, String... jvmArgs) throws Exception {
        return builder().agent(agentOptions).jvmArgs(jvmArgs).start();
    }

    /** The test application without the agent, for tests that attach it later. */
    public static AgentJvm withoutAgent(String... jvmArgs) throws Exception {
        return builder().agent(null).jvmArgs(jvmArgs).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How to start one application JVM; every part has the usual test application's default. */
    public static final class Builder {

        private Path java = Jdks.current();
        private String agentOptions = "";
        private final List<String> jvmArgs = new ArrayList<>();
        private String classpath;
        private String mainClass = "io.pgjmx.testapp.TestApp";
        private final Map<String, String> env = new LinkedHashMap<>(Map.of("PGJMX_LOG_LEVEL", "debug"));

        private Builder() {
        }

        /** The JDK whose {@code bin/java} runs the application (see {@link Jdks}); default the tests' own. */
        public Builder java(Path java) {
            this.java = java;
            return this;
        }

        /** {@code -javaagent:pgjmx-agent.jar=options}; "" for no options, null for no agent. Default "". */
        public Builder agent(String options) {
            this.agentOptions = options;
            return this;
        }

        public Builder jvmArgs(String... args) {
            jvmArgs.addAll(List.of(args));
            return this;
        }

        /** Opens a remote JMX port without authentication on loopback; RMI's second port is the same one. */
        public Builder remoteJmx(int port) {
            return jvmArgs("-Dcom.sun.management.jmxremote.port=" + port,
                    "-Dcom.sun.management.jmxremote.rmi.port=" + port,
                    "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false",
                    "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1");
        }

        /** Default {@link #appClasspath()}. */
        public Builder classpath(String classpath) {
            this.classpath = classpath;
            return this;
        }

        /** A main class that speaks the test application's READY/OK/ERR protocol. */
        public Builder mainClass(String mainClass) {
            this.mainClass = mainClass;
            return this;
        }

        /** A variable added to the application's environment. */
        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder env(Map<String, String> variables) {
            env.putAll(variables);
            return this;
        }

        public AgentJvm start() throws Exception {
            List<String> cmd = new ArrayList<>();
            cmd.add(java.toString());
            cmd.add("-Xmx256m");
            cmd.add("-XX:TieredStopAtLevel=1");
            if (agentOptions != null) {
                cmd.add("-javaagent:" + agentJar() + (agentOptions.isEmpty() ? "" : "=" + agentOptions));
            }
            cmd.addAll(jvmArgs);
            cmd.add("-cp");
            cmd.add(classpath != null ? classpath : appClasspath());
            cmd.add(mainClass);
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().putAll(env);
            return new AgentJvm(pb.start());
        }
    }

    /**
     * A private copy of the shaded agent jar, made once per test run: a JVM reads its agent's classes lazily
     * from the jar, so a build rewriting agent/target/pgjmx-agent.jar meanwhile (another module's build in the
     * same tree) would break the agents of running test applications.
     */
    public static synchronized Path agentJar() throws IOException {
        if (agentCopy == null) {
            Path jar = Path.of(System.getProperty("pgjmx.agent.jar", "target/pgjmx-agent.jar")).toAbsolutePath();
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("the shaded agent jar " + jar + " is missing: run mvn package");
            }
            Path dir = Files.createTempDirectory("pgjmx-it-agent");
            agentCopy = Files.copy(jar, dir.resolve("pgjmx-agent.jar"));
            // createTempDirectory makes it rwx------, but AttachFailuresIT runs the launcher as another user, who
            // must read the jar; a copy of a build artifact holds nothing secret
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(agentCopy, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            agentCopy.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
        }
        return agentCopy;
    }

    /** The application's own classpath: its classes and the libraries it ships, not the test's. */
    public static String appClasspath() throws IOException {
        List<String> entries = new ArrayList<>();
        entries.add(Path.of(System.getProperty("pgjmx.test.app.classes", "target/test-classes")).toAbsolutePath()
                .toString());
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("pgjmx.test.app.lib", "target/test-app-lib")))) {
            jars.map(p -> p.toAbsolutePath().toString()).sorted().forEach(entries::add);
        }
        return String.join(File.pathSeparator, entries);
    }

    /** A port free right now (another process may take it before the test binds it). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void pump(InputStream stream, boolean isStdout) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    (isStdout ? stdout : stderr).append(line).append('\n');
                    if (isStdout && (line.startsWith("OK") || line.startsWith("ERR") || line.startsWith("READY"))) {
                        answers.add(line);
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, isStdout ? "app-stdout" : "app-stderr");
        t.setDaemon(true);
        t.start();
    }

    public long pid() {
        return pid;
    }

    /** Sends a command and returns its answer after "OK "; fails on "ERR". */
    public String send(String command) throws InterruptedException {
        String answer = ask(command);
        if (!answer.startsWith("OK")) {
            throw new AssertionError("'" + command + "' failed: " + answer + "\nstderr:\n" + stderr);
        }
        return answer.substring(2).trim();
    }

    /** Sends a command and returns the raw answer line (OK ... or ERR ...). */
    public String ask(String command) throws InterruptedException {
        in.println(command);
        String answer = answers.poll(30, TimeUnit.SECONDS);
        if (answer == null) {
            throw new AssertionError("no answer to '" + command + "'\nstderr:\n" + stderr);
        }
        return answer;
    }

    /** Everything the application (and its agent) wrote to stderr so far. */
    public String stderr() {
        return stderr.toString();
    }

    public String stdout() {
        return stdout.toString();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public MBeanServerConnection jmx() throws Exception {
        if (connector == null) {
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
            try {
                connector = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
            } finally {
                vm.detach();
            }
        }
        return connector.getMBeanServerConnection();
    }

    /** Waits for {@code pgjmx:type=DataSource,name=NAME} to be registered. */
    public ObjectName awaitDataSource(String name) throws Exception {
        ObjectName on = new ObjectName("pgjmx:type=DataSource,name=" + name);
        Eventually.that(Duration.ofSeconds(15), () -> jmx().isRegistered(on), () -> "MBean " + on + " registered\nstderr:\n"
                + stderr);
        return on;
    }

    /** The agent's Jolokia URL, once its Agent MBean is registered. */
    public String jolokiaUrl() throws Exception {
        ObjectName agent = new ObjectName("pgjmx:type=Agent");
        Eventually.that(Duration.ofSeconds(15), () -> jmx().isRegistered(agent), "Agent MBean");
        return (String) jmx().getAttribute(agent, "JolokiaUrl");
    }

    @Override
    public void close() throws Exception {
        try {
            if (connector != null) {
                connector.close();
            }
        } catch (IOException ignored) {
            // the JVM may already be gone
        }
        if (process.isAlive()) {
            in.println("exit");
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
