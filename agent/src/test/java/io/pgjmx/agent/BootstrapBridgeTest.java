package io.pgjmx.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BootstrapBridgeTest {

    /**
     * The bridge is injected class by class: one left off the list (a nested class, say) is not found from the
     * bootstrap loader, and the first call that needs it throws NoClassDefFoundError in the application's thread.
     */
    @Test
    void everyClassOfTheBridgePackageIsInjected() throws IOException {
        Path bridge = Path.of("target/classes/io/pgjmx/bridge");
        List<String> compiled;
        try (Stream<Path> files = Files.list(bridge)) {
            compiled = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".class"))
                    .map(n -> "io.pgjmx.bridge." + n.substring(0, n.length() - ".class".length())).toList();
        }
        assertThat(BootstrapBridge.CLASSES).containsExactlyInAnyOrderElementsOf(compiled);
    }
}
