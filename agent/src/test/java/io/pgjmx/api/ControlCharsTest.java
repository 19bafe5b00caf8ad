package io.pgjmx.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ControlCharsTest {

    @Test
    void controlCharactersAndDelBecomeHexEscapes() {
        assertThat(ControlChars.visible("select 1 /* \u001b[2J */")).isEqualTo("select 1 /* \\x1b[2J */");
        assertThat(ControlChars.visible("a\nb\tc\rd\u0000e\u007ff\u0085g\u009bh"))
                .isEqualTo("a\\x0ab\\x09c\\x0dd\\x00e\\x7ff\\x85g\\x9bh");
        assertThat(ControlChars.visible("\u001f \u0020\u009f\u00a0")).isEqualTo("\\x1f  \\x9f\u00a0");
    }

    @Test
    void aBackslashStaysAsItIs() {
        assertThat(ControlChars.visible("select '\\s+' ~ E'\\t'")).isEqualTo("select '\\s+' ~ E'\\t'");
        assertThat(ControlChars.visible("\\\u001b")).isEqualTo("\\\\x1b");
    }

    @Test
    void plainTextIsReturnedAsItIs() {
        String plain = "select * from \"Bestellung\" where name = 'Müller' -- ✓";
        assertThat(ControlChars.visible(plain)).isSameAs(plain);
        assertThat(ControlChars.visible("")).isEmpty();
        assertThat(ControlChars.visible(null)).isNull();
    }

    @Test
    void messagesOfSeveralLinesKeepTheirNewlinesOnly() {
        assertThat(ControlChars.visibleKeepingLines("one\ntwo \u001b[31mred\r\n"))
                .isEqualTo("one\ntwo \\x1b[31mred\\x0d\n");
        assertThat(ControlChars.visibleKeepingLines(null)).isNull();
    }
}
