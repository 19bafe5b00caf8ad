package io.pgjmx.agent.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgjmx.agent.options.AgentOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttachOptionsTest {

    @Test
    void secretsFromTheEnvironmentTravelInTheAgentArguments() throws Exception {
        String args = AttachOptions.build(List.of("user=ops", "port=0"),
                Map.of("PGJMX_PASSWORD", "pw,with'quote", "PGJMX_MONITOR_PASSWORD", "m0n", "OTHER", "x"));
        assertThat(args).startsWith("user='ops',port='0',");
        AgentOptions parsed = AgentOptions.parse(args + ",monitorUser=mon", new Properties(), Map.of());
        assertThat(parsed.password()).isEqualTo("pw,with'quote");
        assertThat(parsed.monitorPassword()).isEqualTo("m0n");
        assertThat(parsed.port()).isZero();
    }

    @Test
    void theCommandLineWinsOverTheFileWhichWinsOverTheEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pgjmx.properties");
        Files.writeString(file, "user=ops\npassword=file-pw\nmonitorUser=mon\nmonitorPassword=a,b\nreadOnly=true\n");
        String args = AttachOptions.build(List.of("config=" + file + ",readOnly=false"),
                Map.of("PGJMX_PASSWORD", "env-pw", "PGJMX_MONITOR_PASSWORD", "env-mon"));
        assertThat(args).doesNotContain("config").doesNotContain("env-");
        AgentOptions parsed = AgentOptions.parse(args, new Properties(), Map.of());
        assertThat(parsed.password()).isEqualTo("file-pw");
        assertThat(parsed.monitorPassword()).isEqualTo("a,b");
        assertThat(parsed.readOnly()).isFalse();
        assertThat(parsed.user()).isEqualTo("ops");

        String line = AttachOptions.build(List.of("config=" + file, "password='line,pw'"), Map.of());
        assertThat(AgentOptions.parse(line, new Properties(), Map.of()).password()).isEqualTo("line,pw");
    }

    @Test
    void nothingGivenIsNoArguments() throws Exception {
        assertThat(AttachOptions.build(List.of(), Map.of())).isNull();
        assertThat(AttachOptions.build(List.of(), Map.of("PGJMX_PASSWORD", ""))).isNull();
    }

    @Test
    void malformedArgumentsAreSentAsWrittenForTheAgentToName() throws Exception {
        assertThat(AttachOptions.build(List.of("readOnly"), Map.of("PGJMX_PASSWORD", "pw")))
                .isEqualTo("readOnly,password='pw'");
    }

    @Test
    void anUnreadableConfigFileFailsInTheCommand(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> AttachOptions.build(List.of("config=" + dir.resolve("none")), Map.of()))
                .isInstanceOf(AttachFailure.class).hasMessageContaining("cannot be read");
        Path file = dir.resolve("p.properties");
        Files.writeString(file, "config=/etc/x\n");
        assertThatThrownBy(() -> AttachOptions.build(List.of("config=" + file), Map.of()))
                .hasMessageContaining("may not name another config file");
    }
}
