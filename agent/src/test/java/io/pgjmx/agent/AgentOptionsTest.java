package io.pgjmx.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentOptionsTest {

    @Test
    void defaults() throws Exception {
        AgentOptions o = AgentOptions.parse(null, new Properties());
        assertThat(o.host()).isEqualTo("127.0.0.1");
        assertThat(o.port()).isEqualTo(8778);
        assertThat(o.jolokia()).isTrue();
        assertThat(o.readOnly()).isFalse();
        assertThat(o.user()).isNull();
    }

    @Test
    void argumentsWinOverFileWhichWinsOverSystemProperties(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pgjmx.properties");
        Files.writeString(file, "port=9001\nhost=0.0.0.0\nreadOnly=true\n");
        Properties sys = new Properties();
        sys.setProperty("pgjmx.port", "9000");
        sys.setProperty("pgjmx.host", "10.0.0.1");
        sys.setProperty("pgjmx.jolokia", "false");
        AgentOptions o = AgentOptions.parse("config=" + file + ",port=9002", sys);
        assertThat(o.port()).isEqualTo(9002);
        assertThat(o.host()).isEqualTo("0.0.0.0");
        assertThat(o.readOnly()).isTrue();
        assertThat(o.jolokia()).isFalse();
    }

    @Test
    void everyProblemIsReportedWithTheKeyAndTheValidChoices() {
        assertThatThrownBy(() -> AgentOptions.parse("prot=1,port=http,readOnly=yes,user=admin", new Properties()))
                .hasMessageContaining("unknown option 'prot' in agent arguments; valid keys: host, port, jolokia")
                .hasMessageContaining("port=http is not valid")
                .hasMessageContaining("readOnly=yes is not valid; give true or false")
                .hasMessageContaining("user and password go together");
        assertThatThrownBy(() -> AgentOptions.parse("port=70000", new Properties())).hasMessageContaining("1-65535");
        assertThatThrownBy(() -> AgentOptions.parse("config=/nonexistent/pgjmx.properties", new Properties()))
                .hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> AgentOptions.parse("monitorPassword=x", new Properties()))
                .hasMessageContaining("monitorPassword needs monitorUser");
        Properties sys = new Properties();
        sys.setProperty("pgjmx.colour", "blue");
        assertThatThrownBy(() -> AgentOptions.parse("", sys)).hasMessageContaining("system property pgjmx.colour");
    }

    @Test
    void passwordsMayHoldEscapedCommasAndAreNeverShown() throws Exception {
        AgentOptions o = AgentOptions.parse("user=ops,password=s3cr\\,et,monitorUser=mon,monitorPassword=m0n", new Properties());
        assertThat(o.password()).isEqualTo("s3cr,et");
        assertThat(o.toString()).doesNotContain("s3cr").doesNotContain("m0n").contains("auth=basic");
    }
}
