package io.pgjmx.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgjmx.agent.options.AgentOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotOptionsTest {

    @Test
    void defaultsArePgjmxUnderTheTempDirectoryAndOneMinute() throws Exception {
        AgentOptions o = AgentOptions.parse(null, new Properties(), Map.of());
        assertThat(o.snapshotDir()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "pgjmx").toAbsolutePath());
        assertThat(o.snapshotIntervalMillis()).isEqualTo(60_000);
    }

    @Test
    void intervalsTakeTheDurationFormsAndZeroTurnsThemOff(@TempDir Path dir) throws Exception {
        assertThat(interval("snapshotInterval=90")).isEqualTo(90_000);
        assertThat(interval("snapshotInterval=5m")).isEqualTo(300_000);
        assertThat(interval("snapshotInterval=2H")).isEqualTo(7_200_000);
        assertThat(interval("snapshotInterval=1d")).isEqualTo(86_400_000);
        assertThat(interval("snapshotInterval=1500ms")).isEqualTo(1500);
        assertThat(interval("snapshotInterval=0")).isZero();
        assertThat(interval("snapshotInterval=0s")).isZero();
        Properties sys = new Properties();
        sys.setProperty("pgjmx.snapshotInterval", "10m");
        sys.setProperty("pgjmx.snapshotDir", dir.toString());
        AgentOptions o = AgentOptions.parse("", sys, Map.of());
        assertThat(o.snapshotIntervalMillis()).isEqualTo(600_000);
        assertThat(o.snapshotDir()).isEqualTo(dir);
    }

    @Test
    void aRelativeDirectoryIsMadeAbsolute() throws Exception {
        AgentOptions o = AgentOptions.parse("snapshotDir=incidents", new Properties(), Map.of());
        assertThat(o.snapshotDir()).isEqualTo(Path.of("incidents").toAbsolutePath());
    }

    @Test
    void badValuesNameTheKeyWhereItCameFromAndWhatIsValid(@TempDir Path dir) throws Exception {
        for (String bad : new String[] {"soon", "-1", "500ms", "8d", "1.5s", "5 m", ""}) {
            assertThatThrownBy(() -> AgentOptions.parse("snapshotInterval=" + bad, new Properties(), Map.of()))
                    .as(bad)
                    .hasMessage("option snapshotInterval (agent argument 1) is not valid; give 0 to turn automatic "
                            + "incident snapshots off, or a duration from 1s to 7d: a whole number with an optional "
                            + "unit s, m, h or d, e.g. 60s, 5m, 1h");
        }
        Path file = Files.writeString(dir.resolve("plain.txt"), "x");
        assertThatThrownBy(() -> AgentOptions.parse("snapshotDir=" + file, new Properties(), Map.of()))
                .hasMessageStartingWith("option snapshotDir (agent argument 1) names a file, not a directory; give a "
                        + "directory the JVM's user may create or write, e.g. snapshotDir=/var/tmp/pgjmx (default: ");
        assertThatThrownBy(() -> AgentOptions.parse("snapshotDir=", new Properties(), Map.of()))
                .hasMessageStartingWith("option snapshotDir (agent argument 1) is empty; give a directory");
        assertThatThrownBy(() -> AgentOptions.parse("snapshotdir=/tmp/x,snapshotIntervall=1m", new Properties(),
                Map.of())).hasMessageContaining("unknown option 'snapshotIntervall' in agent argument 2; valid keys: ")
                .hasMessageContaining("snapshotDir, snapshotInterval");
    }

    private static long interval(String args) throws Exception {
        return AgentOptions.parse(args, new Properties(), Map.of()).snapshotIntervalMillis();
    }
}
