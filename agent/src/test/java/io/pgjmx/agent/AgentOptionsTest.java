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
                .hasMessageContaining("unknown option 'prot' in agent argument 1; valid keys: host, port, jolokia")
                .hasMessageContaining("option port (agent argument 2) is not valid")
                .hasMessageContaining("option readOnly (agent argument 3) is not valid; give true or false")
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

    @Test
    void defaultsAreTheDocumentedOnes() {
        AgentOptions o = AgentOptions.defaults();
        assertThat(o.toString()).isEqualTo(
                "host=127.0.0.1, port=8778, jolokia=true, auth=none, readOnly=false, queryTimeout=5000ms, metrics=true, web=true");
        assertThat(o.queryTimeoutMillis()).isEqualTo(5000);
        assertThat(o.metrics()).isTrue();
        assertThat(o.web()).isTrue();
        assertThat(o.password()).isNull();
        assertThat(o.monitorUser()).isNull();
        assertThat(o.monitorPassword()).isNull();
    }

    @Test
    void everyKeyIsReadAndKeysIgnoreCase() throws Exception {
        AgentOptions o = AgentOptions.parse(" HOST = 0.0.0.0 ,PORT=0,Jolokia=FALSE,user=ops,password=pw,readonly=TRUE,"
                + "monitoruser=mon,monitorPassword=m0n,QueryTimeout=1500MS,metrics=False,WEB=false", new Properties());
        assertThat(o.host()).isEqualTo("0.0.0.0");
        assertThat(o.port()).isZero();
        assertThat(o.jolokia()).isFalse();
        assertThat(o.user()).isEqualTo("ops");
        assertThat(o.password()).isEqualTo("pw");
        assertThat(o.readOnly()).isTrue();
        assertThat(o.monitorUser()).isEqualTo("mon");
        assertThat(o.monitorPassword()).isEqualTo("m0n");
        assertThat(o.queryTimeoutMillis()).isEqualTo(1500);
        assertThat(o.metrics()).isFalse();
        assertThat(o.web()).isFalse();
        assertThat(o.toString()).isEqualTo("host=0.0.0.0, port=0, jolokia=false, auth=basic, readOnly=true, "
                + "queryTimeout=1500ms, metrics=false, web=false, monitorUser=mon");
    }

    @Test
    void portsZeroTo65535AreValid() throws Exception {
        assertThat(AgentOptions.parse("port=65535", new Properties()).port()).isEqualTo(65535);
        assertThat(AgentOptions.parse("port=1", new Properties()).port()).isEqualTo(1);
        for (String bad : new String[] {"-1", "65536", "", "99999999999"}) {
            assertThatThrownBy(() -> AgentOptions.parse("port=" + bad, new Properties()))
                    .hasMessage("option port (agent argument 1) is not valid; give a TCP port 1-65535, or 0 for any "
                            + "free port");
        }
    }

    @Test
    void logLevelTakesTheFourLevelsInAnyCaseAndNothingElse() throws Exception {
        assertThat(AgentOptions.parse("", new Properties()).logLevel()).isNull();
        assertThat(AgentOptions.parse("logLevel=DEBUG", new Properties()).logLevel()).isEqualTo("debug");
        assertThat(AgentOptions.parse("logLevel=warn", new Properties()).logLevel()).isEqualTo("warn");
        for (String bad : new String[] {"trace", "verbose", "", "infos"}) {
            assertThatThrownBy(() -> AgentOptions.parse("logLevel=" + bad, new Properties()))
                    .hasMessage("option logLevel (agent argument 1) is not valid; give error, warn, info or debug");
        }
    }

    @Test
    void aBackslashIsLiteralExceptBeforeAComma() throws Exception {
        assertThat(AgentOptions.parse("user=u,password=a\\,\\b", new Properties()).password()).isEqualTo("a,\\b");
        assertThat(AgentOptions.parse("user=u,password=ab\\", new Properties()).password()).isEqualTo("ab\\");
        assertThat(AgentOptions.parse("user=u,,password=x,", new Properties()).password()).isEqualTo("x");
        assertThat(AgentOptions.parse("   ", new Properties()).port()).isEqualTo(8778);
    }

    @Test
    void aPartWithoutKeyIsNotKeyValue() {
        assertThatThrownBy(() -> AgentOptions.parse("=8080", new Properties()))
                .hasMessage("agent argument 1 is not key=value; valid keys: host, port, jolokia, user, password, "
                        + "readOnly, monitorUser, monitorPassword, config, queryTimeout, metrics, web, protocol, keystore, "
                        + "keystorePassword, serverCert, serverKey, caCert, useSslClientAuthentication, borrowStacks, "
                        + "snapshotDir, snapshotInterval, logLevel");
        assertThatThrownBy(() -> AgentOptions.parse("readOnly", new Properties()))
                .hasMessageStartingWith("agent argument 1 is not key=value");
    }

    @Test
    void emptyValuesAreRefusedWithWhatToGive() {
        assertThatThrownBy(() -> AgentOptions.parse("host=", new Properties()))
                .hasMessage("option host is empty; give an address to bind to, e.g. host=127.0.0.1 or host=0.0.0.0");
        assertThatThrownBy(() -> AgentOptions.parse("user=,password=x", new Properties()))
                .hasMessage("option user is empty; give a user name for HTTP basic auth");
        assertThatThrownBy(() -> AgentOptions.parse("password=x", new Properties()))
                .hasMessage("options user and password go together: give both for HTTP basic auth, or neither");
        assertThatThrownBy(() -> AgentOptions.parse("monitorUser=", new Properties()))
                .hasMessage("option monitorUser is empty; give a PostgreSQL role name");
        assertThatThrownBy(() -> AgentOptions.parse("jolokia=", new Properties()))
                .hasMessage("option jolokia (agent argument 1) is not valid; give true or false");
    }

    @Test
    void theConfigFileMayNotNameAnotherAndItsProblemsNameIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pgjmx.properties");
        Files.writeString(file, "config=/etc/other.properties\nprot=1\nmonitorUser = mon \n");
        assertThatThrownBy(() -> AgentOptions.parse("config=" + file, new Properties()))
                .hasMessageContaining("config file " + file + " may not name another config file")
                .hasMessageContaining("unknown option 'prot' in config file " + file + "; valid keys: host, port, "
                        + "jolokia, user, password, readOnly, monitorUser, monitorPassword, config, queryTimeout, metrics")
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(2));
        Files.writeString(file, "monitorUser = mon \n");
        assertThat(AgentOptions.parse("config=" + file, new Properties()).monitorUser()).isEqualTo("mon");
        Properties sys = new Properties();
        sys.setProperty("pgjmx.config", file.toString());
        sys.setProperty("other.config", "/nonexistent");
        assertThat(AgentOptions.parse(null, sys).monitorUser()).isEqualTo("mon");
    }

    @Test
    void queryTimeoutIsADurationFrom100msTo1h() throws Exception {
        assertThat(AgentOptions.parse("queryTimeout=100ms", new Properties()).queryTimeoutMillis()).isEqualTo(100);
        assertThat(AgentOptions.parse("queryTimeout=90", new Properties()).queryTimeoutMillis()).isEqualTo(90_000);
        assertThat(AgentOptions.parse("queryTimeout=2s", new Properties()).queryTimeoutMillis()).isEqualTo(2000);
        assertThat(AgentOptions.parse("queryTimeout=2m", new Properties()).queryTimeoutMillis()).isEqualTo(120_000);
        assertThat(AgentOptions.parse("queryTimeout=1h", new Properties()).queryTimeoutMillis()).isEqualTo(3_600_000);
        assertThat(AgentOptions.parse("queryTimeout=3600000ms", new Properties()).queryTimeoutMillis()).isEqualTo(3_600_000);
        for (String bad : new String[] {"99ms", "0", "3600001ms", "61m", "1d", "5x", "1.5s", "-1s", "",
                "ms", "s", "0000000100ms", "1000 ms", "1sms"}) {
            assertThatThrownBy(() -> AgentOptions.parse("queryTimeout=" + bad, new Properties()))
                    .hasMessage("option queryTimeout (agent argument 1) is not valid; give a duration from 100ms to 1h: a "
                            + "whole "
                            + "number with an optional unit ms, s, m or h, e.g. 5s, 1500ms, 1m");
        }
    }

    @Test
    void metricsIsTrueOrFalse() throws Exception {
        Properties sys = new Properties();
        sys.setProperty("pgjmx.metrics", "false");
        assertThat(AgentOptions.parse(null, sys).metrics()).isFalse();
        assertThatThrownBy(() -> AgentOptions.parse("metrics=off", new Properties()))
                .hasMessage("option metrics (agent argument 1) is not valid; give true or false");
    }

    @Test
    void webIsTrueOrFalse() throws Exception {
        Properties sys = new Properties();
        sys.setProperty("pgjmx.web", "false");
        assertThat(AgentOptions.parse(null, sys).web()).isFalse();
        assertThatThrownBy(() -> AgentOptions.parse("web=no", new Properties()))
                .hasMessage("option web (agent argument 1) is not valid; give true or false");
    }

    @Test
    void passwordsComeFromTheEnvironmentBetweenSystemPropertiesAndTheFile(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("PGJMX_PASSWORD", "env-pw", "PGJMX_MONITOR_PASSWORD", "env-mon");
        Properties sys = new Properties();
        sys.setProperty("pgjmx.user", "ops");
        sys.setProperty("pgjmx.monitorUser", "mon");
        sys.setProperty("pgjmx.password", "sys-pw");
        sys.setProperty("pgjmx.monitorPassword", "sys-mon");
        AgentOptions fromEnv = AgentOptions.parse(null, sys, env);
        assertThat(fromEnv.password()).isEqualTo("env-pw");
        assertThat(fromEnv.monitorPassword()).isEqualTo("env-mon");

        Path file = dir.resolve("pgjmx.properties");
        Files.writeString(file, "monitorPassword=file-mon\n");
        AgentOptions fileWins = AgentOptions.parse("config=" + file, sys, env);
        assertThat(fileWins.password()).isEqualTo("env-pw");
        assertThat(fileWins.monitorPassword()).isEqualTo("file-mon");

        AgentOptions lineWins = AgentOptions.parse("config=" + file + ",password=line-pw,monitorPassword=line-mon",
                sys, env);
        assertThat(lineWins.password()).isEqualTo("line-pw");
        assertThat(lineWins.monitorPassword()).isEqualTo("line-mon");

        assertThat(AgentOptions.parse(null, sys, Map.of()).password()).isEqualTo("sys-pw");
        assertThat(AgentOptions.parse(null, sys, Map.of("PGJMX_PASSWORD", "")).password())
                .as("an empty variable is not set").isEqualTo("sys-pw");
        assertThat(AgentOptions.parse("user=ops", new Properties(), Map.of("PGJMX_PASSWORD", "only-env")).password())
                .isEqualTo("only-env");
        assertThatThrownBy(() -> AgentOptions.parse(null, new Properties(), Map.of("PGJMX_PASSWORD", "lonely")))
                .hasMessage("options user and password go together: give both for HTTP basic auth, or neither");
        assertThatThrownBy(() -> AgentOptions.parse(null, new Properties(), Map.of("PGJMX_MONITOR_PASSWORD", "m")))
                .hasMessageContaining("monitorPassword needs monitorUser");
    }

    @Test
    void aQuotedValueHoldsCommasAndQuotes() throws Exception {
        assertThat(AgentOptions.parse("user=u,password='a,b',port=9", new Properties(), Map.of()).password())
                .isEqualTo("a,b");
        AgentOptions o = AgentOptions.parse("user=u, password = 'x, y=z,''q''' ,monitorUser=m,monitorPassword=',,'",
                new Properties(), Map.of());
        assertThat(o.password()).isEqualTo("x, y=z,'q'");
        assertThat(o.monitorPassword()).isEqualTo(",,");
        assertThat(o.monitorUser()).isEqualTo("m");
        assertThat(AgentOptions.parse("user=u,password=''", new Properties(), Map.of()).password()).isEmpty();
        assertThat(AgentOptions.parse("user=u,password=it's", new Properties(), Map.of()).password())
                .as("a quote inside an unquoted value is literal").isEqualTo("it's");
    }

    @Test
    void noProblemHoldsAnOptionsValue() {
        assertThatThrownBy(() -> AgentOptions.parse("user=u,password=s3c,r3t", new Properties(), Map.of()))
                .hasMessage("agent argument 3 is not key=value (if the value of password holds a comma, quote the "
                        + "whole value: password='...'); valid keys: " + String.join(", ", AgentOptions.KEYS))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("r3t"));
        assertThatThrownBy(() -> AgentOptions.parse("user=u,password=s3c,r3t=x", new Properties(), Map.of()))
                .hasMessageStartingWith("agent argument 3 names no option (if the value of password holds a comma")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("r3t"));
        assertThatThrownBy(() -> AgentOptions.parse("user=u,password='s3c,r3t", new Properties(), Map.of()))
                .hasMessage("option password (agent argument 2) opens a quote that is never closed; end the value "
                        + "with '")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("r3t"));
        assertThatThrownBy(() -> AgentOptions.parse("user=u,password='s3c'r3t,port=1", new Properties(), Map.of()))
                .hasMessage("option password (agent argument 2) has text after its closing quote; quote the whole "
                        + "value, e.g. password='a,b'");
        assertThatThrownBy(() -> AgentOptions.parse("port=s3cr3t,queryTimeout=s3cr3t,readOnly=s3cr3t,protocol=s3cr3t",
                new Properties(), Map.of()))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t").contains("agent argument 4"));
        assertThatThrownBy(() -> AgentOptions.parse("s3c r3t=1", new Properties(), Map.of()))
                .hasMessageStartingWith("an unknown option in agent argument 1; valid keys:");
        Properties sys = new Properties();
        sys.setProperty("pgjmx.port", "s3cr3t");
        assertThatThrownBy(() -> AgentOptions.parse(null, sys, Map.of()))
                .hasMessage("option port (system property pgjmx.port) is not valid; give a TCP port 1-65535, or 0 "
                        + "for any free port");
    }

    @Test
    void borrowStacksIsOffByDefaultAndTakesTrueOrFalse() throws Exception {
        assertThat(AgentOptions.parse("", new Properties()).borrowStacks()).isFalse();
        assertThat(AgentOptions.parse("borrowStacks=true", new Properties()).borrowStacks()).isTrue();
        assertThatThrownBy(() -> AgentOptions.parse("borrowStacks=yes", new Properties()))
                .hasMessage("option borrowStacks (agent argument 1) is not valid; give true or false");
    }
}
