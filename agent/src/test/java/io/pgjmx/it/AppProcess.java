package io.pgjmx.it;

import com.sun.tools.attach.VirtualMachine;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A test application ({@code io.pgjmx.testapp.TestApp}) in its own JVM, started with the real shaded agent
 * jar as users start it, and reached over real JMX through the JDK's local connector.
 */
final class AppProcess implements AutoCloseable {

    private final Process process;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();
    private final PrintWriter in;
    private final long pid;
    private JMXConnector connector;

    private AppProcess(Process process) throws Exception {
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

    /** Starts the test application with {@code -javaagent:pgjmx-agent.jar=agentOptions} (null: no agent). */
    static AppProcess start(String agentOptions, String... jvmArgs) throws Exception {
        return startOn(Jdks.current(), agentOptions, jvmArgs);
    }

    /** The same as {@link #start}, with these variables added to the application's environment. */
    static AppProcess startWithEnvironment(Map<String, String> environment, String agentOptions,
            String... jvmArgs) throws Exception {
        return launch(Jdks.current(), agentOptions, appClasspath(), "io.pgjmx.testapp.TestApp", environment, jvmArgs);
    }

    /** Starts the test application without the agent, for tests that attach it later. */
    static AppProcess withoutAgent(String... jvmArgs) throws Exception {
        return startOn(Jdks.current(), null, jvmArgs);
    }

    /** The same as {@link #start}, on the JDK whose {@code bin/java} is {@code java}. */
    static AppProcess startOn(Path java, String agentOptions, String... jvmArgs) throws Exception {
        return launch(java, agentOptions, appClasspath(), "io.pgjmx.testapp.TestApp", Map.of(), jvmArgs);
    }

    /**
     * Starts {@code mainClass} (which speaks TestApp's READY/OK/ERR protocol) on a classpath of the test's
     * choosing, for class-loader layouts the test application's own classpath cannot show.
     */
    static AppProcess startMain(String agentOptions, String classpath, String mainClass, String... jvmArgs)
            throws Exception {
        return launch(Jdks.current(), agentOptions, classpath, mainClass, Map.of(), jvmArgs);
    }

    private static AppProcess launch(Path java, String agentOptions, String classpath, String mainClass,
            Map<String, String> environment, String... jvmArgs) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.add("-Xmx256m");
        cmd.add("-XX:TieredStopAtLevel=1");
        if (agentOptions != null) {
            cmd.add("-javaagent:" + agentJar() + (agentOptions.isEmpty() ? "" : "=" + agentOptions));
        }
        cmd.addAll(List.of(jvmArgs));
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("PGJMX_LOG_LEVEL", "debug");
        pb.environment().putAll(environment);
        return new AppProcess(pb.start());
    }

    static Path agentJar() {
        Path jar = Path.of(System.getProperty("pgjmx.agent.jar", "target/pgjmx-agent.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the shaded agent jar " + jar + " is missing: run mvn verify");
        }
        return jar;
    }

    /** The application's own classpath: its classes and the libraries it ships, not the test's. */
    static String appClasspath() throws IOException {
        Path lib = Path.of(System.getProperty("pgjmx.test.app.lib", "target/test-app-lib"));
        List<String> entries = new ArrayList<>();
        entries.add(Path.of(System.getProperty("pgjmx.test.app.classes", "target/test-classes")).toAbsolutePath()
                .toString());
        try (Stream<Path> jars = Files.list(lib)) {
            entries.addAll(jars.map(p -> p.toAbsolutePath().toString()).sorted().collect(Collectors.toList()));
        }
        return String.join(File.pathSeparator, entries);
    }

    private void pump(java.io.InputStream stream, boolean isStdout) {
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

    long pid() {
        return pid;
    }

    /** Sends a command and returns its answer after "OK "; fails on "ERR". */
    String send(String command) throws InterruptedException {
        String answer = ask(command);
        if (!answer.startsWith("OK")) {
            throw new AssertionError("'" + command + "' failed: " + answer + "\nstderr:\n" + stderr);
        }
        return answer.substring(2).trim();
    }

    /** Sends a command and returns the raw answer line (OK ... or ERR ...). */
    String ask(String command) throws InterruptedException {
        in.println(command);
        String answer = answers.poll(30, TimeUnit.SECONDS);
        if (answer == null) {
            throw new AssertionError("no answer to '" + command + "'\nstderr:\n" + stderr);
        }
        return answer;
    }

    String stderr() {
        return stderr.toString();
    }

    String stdout() {
        return stdout.toString();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    MBeanServerConnection jmx() throws Exception {
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
    ObjectName awaitDataSource(String name) throws Exception {
        ObjectName on = new ObjectName("pgjmx:type=DataSource,name=" + name);
        Eventually.that(Duration.ofSeconds(15), () -> jmx().isRegistered(on), "MBean " + on + " registered\nstderr:\n"
                + stderr);
        return on;
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
