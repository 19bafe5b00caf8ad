package io.pgjmx.console.render;

import io.pgjmx.console.client.Session;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.jolokia.json.JSONWriter;

/** Sessions as a JSON array of objects with the contract's field names, one object per line. */
public final class SessionJson {

    private SessionJson() {
    }

    public static String render(List<Session> sessions) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < sessions.size(); i++) {
            out.append(i == 0 ? "\n  " : ",\n  ").append(json(sessions.get(i)));
        }
        return out.append(sessions.isEmpty() ? "]" : "\n]").append('\n').toString();
    }

    private static String json(Session s) {
        try {
            StringWriter w = new StringWriter();
            JSONWriter.serialize(s.toMap(), w);
            return w.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
