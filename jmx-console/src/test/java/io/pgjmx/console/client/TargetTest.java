package io.pgjmx.console.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgjmx.console.ConsoleException;
import org.junit.jupiter.api.Test;

class TargetTest {

    @Test
    void eachKindIsRecognised() {
        assertThat(Target.parse("4242")).isEqualTo(new Target(Target.Kind.LOCAL_PID, "4242"));
        assertThat(Target.parse("db-host.example:9010"))
                .isEqualTo(new Target(Target.Kind.JMX, "service:jmx:rmi:///jndi/rmi://db-host.example:9010/jmxrmi"));
        assertThat(Target.parse("[::1]:9010").address()).isEqualTo("service:jmx:rmi:///jndi/rmi://[::1]:9010/jmxrmi");
        assertThat(Target.parse("service:jmx:jmxmp://h:1")).isEqualTo(new Target(Target.Kind.JMX, "service:jmx:jmxmp://h:1"));
        assertThat(Target.parse("http://127.0.0.1:8778/jolokia").kind()).isEqualTo(Target.Kind.JOLOKIA);
        assertThat(Target.parse("HTTPS://h/jolokia/").kind()).isEqualTo(Target.Kind.JOLOKIA);
    }

    @Test
    void badTargetsNameWhatIsValid() {
        assertThatThrownBy(() -> Target.parse("orders-app")).isInstanceOf(ConsoleException.class)
                .hasMessageContaining("'orders-app' is not a TARGET").hasMessageContaining("host:port")
                .hasMessageContaining("service:jmx:").hasMessageContaining("jolokia")
                .satisfies(e -> assertThat(((ConsoleException) e).exitCode()).isEqualTo(2));
        assertThatThrownBy(() -> Target.parse("h:70000")).hasMessageContaining("the port must be 1 to 65535");
        assertThatThrownBy(() -> Target.parse("0")).hasMessageContaining("not a process id");
        assertThatThrownBy(() -> Target.parse(" ")).hasMessageContaining("no TARGET given");
    }

    @Test
    void portsOneTo65535() {
        assertThat(Target.parse("h:1").address()).isEqualTo("service:jmx:rmi:///jndi/rmi://h:1/jmxrmi");
        assertThat(Target.parse("h:65535").address()).isEqualTo("service:jmx:rmi:///jndi/rmi://h:65535/jmxrmi");
        assertThat(Target.parse("h:007").address()).isEqualTo("service:jmx:rmi:///jndi/rmi://h:7/jmxrmi");
        for (String bad : new String[] {"h:0", "h:65536", "h:99999"}) {
            assertThatThrownBy(() -> Target.parse(bad)).isInstanceOf(ConsoleException.class)
                    .hasMessage("'" + bad + "': the port must be 1 to 65535")
                    .satisfies(e -> assertThat(((ConsoleException) e).exitCode()).isEqualTo(2));
        }
        assertThatThrownBy(() -> Target.parse("h:123456")).hasMessageStartingWith("'h:123456' is not a TARGET; give");
    }

    @Test
    void aPidIsPositiveAndFitsALong() {
        assertThat(Target.parse(" 007 ")).isEqualTo(new Target(Target.Kind.LOCAL_PID, "7"));
        assertThatThrownBy(() -> Target.parse("99999999999999999999")).isInstanceOf(ConsoleException.class)
                .hasMessage("'99999999999999999999' is not a process id; give " + Target.VALID);
        assertThatThrownBy(() -> Target.parse(null)).hasMessage("no TARGET given; give " + Target.VALID);
    }

    @Test
    void aTargetReadsAsTheJvmOrItsAddress() {
        assertThat(Target.parse("4242")).hasToString("JVM 4242");
        assertThat(Target.parse("http://h:8778/jolokia")).hasToString("http://h:8778/jolokia");
        assertThat(Target.parse("h:9010")).hasToString("service:jmx:rmi:///jndi/rmi://h:9010/jmxrmi");
    }
}
