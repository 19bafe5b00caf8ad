package io.pgjmx.agent.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditTest {

    @Test
    void controlCharactersAreWrittenVisibly() {
        assertThat(Audit.escape("state=idle")).isEqualTo("state=idle");
        assertThat(Audit.escape("a\nAUDIT caller=\"x\"")).isEqualTo("a\\nAUDIT caller=\"x\"");
        assertThat(Audit.escape("\r\t\u001b[31m\u0000\u009b\u2028")).isEqualTo("\\r\\t\\u001b[31m\\u0000\\u009b\\u2028");
        assertThat(Audit.escape("back\\nslash")).isEqualTo("back\\\\nslash");
        assertThat(Audit.escape(null)).isNull();
    }
}
