package io.pgjmx.agent.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.jolokia.json.parser.JSONParser;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    /** Every character a query or an application name may hold, as a real parser reads it back. */
    @Test
    void everyStringComesBackAsItWasWritten() throws Exception {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x100; c++) {
            all.append(c);
        }
        all.append("\u2028\u2029 \"quoted\" \\back\\slash\\ \uD83D\uDE00 end");
        String text = all.toString();
        String json = new JsonWriter().beginObject().name("query").value(text).name("key \"\n").value("v").endObject()
                .toJson();
        Map<?, ?> parsed = new JSONParser().parse(json, Map.class);
        assertThat(parsed.get("query")).isEqualTo(text);
        assertThat(parsed.get("key \"\n")).isEqualTo("v");
    }

    @Test
    void controlCharactersNeverReachTheFileRaw() {
        String json = new JsonWriter().beginArray().value("a\u001b[2Jb\u009bc\u007fd\u0000e").endArray().toJson();
        assertThat(json).contains("\"a\\u001b[2Jb\\u009bc\\u007fd\\u0000e\"");
        for (char c : json.toCharArray()) {
            assertThat(c == '\n' || (c >= 0x20 && c < 0x7f)).as("char %04x", (int) c).isTrue();
        }
    }

    /** A lone surrogate has no UTF-8 form: escaped, it survives; raw, it would be written as '?'. */
    @Test
    void loneSurrogatesAreEscaped() throws Exception {
        String json = new JsonWriter().beginArray().value("x\uD800y").value("\uDC00").value("\uD83D\uDE00").endArray()
                .toJson();
        assertThat(json).contains("\"x\\ud800y\"", "\"\\udc00\"", "\"\uD83D\uDE00\"");
        assertThat(new JSONParser().parse(json, List.class)).containsExactly("x\uD800y", "\uDC00", "\uD83D\uDE00");
    }

    @Test
    void numbersBooleansNullsArraysAndNestingMakeOneValidDocument() throws Exception {
        String json = new JsonWriter().beginObject()
                .name("n").value(42L)
                .name("unknown").value((Number) null)
                .name("flag").value(true)
                .name("none").value((String) null)
                .name("pids").value(new int[] {3, 1, 2})
                .name("empty").value(new int[0])
                .name("frames").value(List.of("a.B.c(B.java:1)", "d"))
                .name("rows").beginArray().beginObject().name("pid").value(7L).endObject().beginObject().endObject()
                .endArray()
                .name("last").beginObject().endObject()
                .endObject().toJson();
        Map<?, ?> parsed = new JSONParser().parse(json, Map.class);
        assertThat(parsed.get("n")).isEqualTo(42L);
        assertThat(parsed.containsKey("unknown")).isTrue();
        assertThat(parsed.get("unknown")).isNull();
        assertThat(parsed.get("flag")).isEqualTo(true);
        assertThat(parsed.get("pids")).isEqualTo(List.of(3L, 1L, 2L));
        assertThat((List<?>) parsed.get("empty")).isEmpty();
        assertThat(parsed.get("frames")).isEqualTo(List.of("a.B.c(B.java:1)", "d"));
        assertThat((List<?>) parsed.get("rows")).hasSize(2);
        assertThat(json).startsWith("{\n  \"n\": 42,\n  \"unknown\": null,").endsWith("\"last\": {}\n}\n");
    }
}
