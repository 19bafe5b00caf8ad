package io.pgjmx.console.it;

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
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The test application in its own JVM, with the real shaded agent jar (or without it), as users run it. The
 * test reaches its MBeans over the JDK's local JMX connector, to compare with what the console prints.
 */
final class AppJvm implements AutoCloseable {

    private static Path agentCopy;

    private final Process process;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();
    private final PrintWriter in;
    private final long pid;
    private JMXConnector connector;

    private AppJvm(Process process) throws Exception {
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

    /** With {@code -javaagent:pgjmx-agent.jar=agentOptions}; null: without the agent. */
    static AppJvm start(String agentOptions, String... jvmArgs) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx128m");
        cmd.add("-XX:TieredStopAtLevel=1");
        if (agentOptions != null) {
            cmd.add("-javaagent:" + agentJar() + (agentOptions.isEmpty() ? "" : "=" + agentOptions));
        }
        cmd.addAll(List.of(jvmArgs));
        cmd.add("-cp");
        cmd.add(appClasspath());
        cmd.add("io.pgjmx.console.testapp.ConsoleTestApp");
        return new AppJvm(new ProcessBuilder(cmd).start());
    }

    /** JVM options that open a remote JMX port without auth on loopback; RMI's second port is the same one. */
    static String[] remoteJmx(int port) {
        return new String[] {"-Dcom.sun.management.jmxremote.port=" + port,
            "-Dcom.sun.management.jmxremote.rmi.port=" + port,
            "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false",
            "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1"};
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * A private copy of the shaded agent jar, made once per test run: a JVM reads its agent's classes lazily
     * from the jar, so a build rewriting agent/target/pgjmx-agent.jar meanwhile (another module's build in the
     * same tree) would break the agents of running test applications.
     */
    static synchronized Path agentJar() throws IOException {
        if (agentCopy == null) {
            Path jar = Path.of(System.getProperty("pgjmx.agent.jar", "../agent/target/pgjmx-agent.jar")).toAbsolutePath();
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("the shaded agent jar " + jar + " is missing: run mvn install in agent");
            }
            Path dir = Files.createTempDirectory("pgjmx-it-agent");
            agentCopy = Files.copy(jar, dir.resolve("pgjmx-agent.jar"));
            agentCopy.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
        }
        return agentCopy;
    }

    private static String appClasspath() throws IOException {
        List<String> entries = new ArrayList<>();
        entries.add(Path.of(System.getProperty("pgjmx.test.app.classes", "target/test-classes")).toAbsolutePath()
                .toString());
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("pgjmx.test.app.lib", "target/test-app-lib")))) {
            jars.map(p -> p.toAbsolutePath().toString()).sorted().forEach(entries::add);
        }
        return String.join(File.pathSeparator, entries);
    }

    private void pump(InputStream stream, boolean isStdout) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (!isStdout) {
                        stderr.append(line).append('\n');
                    } else if (line.startsWith("OK") || line.startsWith("ERR") || line.startsWith("READY")) {
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
        in.println(command);
        String answer = answers.poll(30, TimeUnit.SECONDS);
        if (answer == null || !answer.startsWith("OK")) {
            throw new AssertionError("'" + command + "' failed: " + answer + "\nstderr:\n" + stderr);
        }
        return answer.substring(2).trim();
    }

    String stderr() {
        return stderr.toString();
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

    /** Starts a pool NAME as the test role and waits for its DataSource MBean. */
    void pool(String name) throws Exception {
        send("hikari " + name + " 3 " + Db.pg().jdbcUrl() + " " + Db.APP_ROLE + " " + Db.APP_PASSWORD);
        send("query " + name);
        ObjectName on = new ObjectName("pgjmx:type=DataSource,name=" + name);
        Eventually.that(Duration.ofSeconds(15), () -> jmx().isRegistered(on), "MBean " + on + "\nstderr:\n" + stderr);
    }

    String jolokiaUrl() throws Exception {
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
