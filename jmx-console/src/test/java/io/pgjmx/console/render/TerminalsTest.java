package io.pgjmx.console.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The width tables fit to. COLUMNS is read from the process environment, so each case runs in a JVM of its
 * own with that environment; none of them has a terminal, as under a pipe or in CI.
 */
class TerminalsTest {

    /** Prints what Terminals reports in this JVM. */
    public static final class Probe {
        public static void main(String[] args) {
            System.out.println(Terminals.width() + " " + Terminals.interactive());
        }
    }

    private static String probe(String columns) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Probe.class.getName())
                .redirectInput(ProcessBuilder.Redirect.PIPE).redirectErrorStream(true);
        pb.environment().remove("COLUMNS");
        if (columns != null) {
            pb.environment().put("COLUMNS", columns);
        }
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the probe JVM exits").isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    @Test
    void columnsWinWhenItIsAPositiveNumber() throws Exception {
        assertThat(probe("97")).isEqualTo("97 false");
        assertThat(probe(" 1 ")).isEqualTo("1 false");
    }

    @Test
    void withoutUsableColumnsAndWithoutATerminalTheDefaultWidth() throws Exception {
        assertThat(probe(null)).isEqualTo("120 false");
        for (String bad : new String[] {"0", "-5", "wide", ""}) {
            assertThat(probe(bad)).as("COLUMNS=%s", bad).isEqualTo("120 false");
        }
    }

    @Test
    void aTestJvmHasNoTerminal() {
        assertThat(Terminals.interactive()).isFalse();
    }
}
