package io.pgjmx.springdemo;

import com.sun.tools.attach.VirtualMachine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** The demo's executable jar in its own JVM with the real agent, as a user runs it, reached over JMX. */
final class DemoProcess implements AutoCloseable {

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private JMXConnector connector;

    DemoProcess(String... appArgs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-javaagent:" + jar("pgjmx.agent.jar") + "=port=0",
                "-jar", jar("pgjmx.demo.jar").toString()));
        cmd.addAll(List.of(appArgs));
        process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    output.append(line).append('\n');
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "demo-output");
        pump.setDaemon(true);
        pump.start();
    }

    private static Path jar(String property) {
        Path jar = Path.of(System.getProperty(property, "")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(property + " = " + jar + " is missing: run mvn verify from the top");
        }
        return jar;
    }

    String output() {
        return output.toString();
    }

    MBeanServerConnection jmx() throws Exception {
        if (connector == null) {
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(process.pid()));
            try {
                connector = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
            } finally {
                vm.detach();
            }
        }
        return connector.getMBeanServerConnection();
    }

    @Override
    public void close() throws Exception {
        if (connector != null) {
            try {
                connector.close();
            } catch (IOException ignored) {
                // the JVM may be gone
            }
        }
        process.destroy(); // SIGTERM: Boot closes the context and the pool
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
