package io.pgjmx.console.render;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.jolokia.json.JSONWriter;

/** Plain values (maps, lists, strings, numbers) as one JSON document, for {@code --json}. */
public final class PlainJson {

    private PlainJson() {
    }

    public static String render(Object value) {
        try {
            StringWriter w = new StringWriter();
            JSONWriter.serialize(value, w);
            return w.append('\n').toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
