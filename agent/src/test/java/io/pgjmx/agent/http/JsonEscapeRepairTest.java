package io.pgjmx.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonEscapeRepairTest {

    private static String repaired(String json, int chunk) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (JsonEscapeRepair out = new JsonEscapeRepair(sink)) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < bytes.length; i += chunk) {
                out.write(bytes, i, Math.min(chunk, bytes.length - i));
            }
        }
        return sink.toString(StandardCharsets.UTF_8);
    }

    @Test
    void controlCharacterEscapesGetHexDigits() throws IOException {
        for (int chunk : new int[] {1, 3, 1000}) {
            assertThat(repaired("{\"q\":\"a\\u001;b\\u001?c\\u000;d\\u0007e\"}", chunk))
                    .isEqualTo("{\"q\":\"a\\u001bb\\u001fc\\u000bd\\u0007e\"}");
        }
    }

    @Test
    void escapedBackslashesAndOtherTextStayAsTheyAre() throws IOException {
        String text = "{\"q\":\"\\\\u001; \\\\\\u001; x:;<=>? \\u00e9 \\\"u001;\"}";
        assertThat(repaired(text, 2)).isEqualTo("{\"q\":\"\\\\u001; \\\\\\u001b x:;<=>? \\u00e9 \\\"u001;\"}");
    }
}
