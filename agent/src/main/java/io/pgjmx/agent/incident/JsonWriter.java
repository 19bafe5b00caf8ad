package io.pgjmx.agent.incident;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes one JSON document, indented for the operator who opens the file, keys in the order written.
 *
 * <p>Our own rather than the Jolokia JSON writer the agent carries: Jolokia 2.6 writes the escape of a control
 * character above 9 wrongly ({@code \}{@code u001;} for ESC, see {@code JsonEscapeRepair}) and its objects
 * are HashMaps, so the keys of a snapshot would come out in no particular order. Fifty lines buy valid JSON
 * whatever the database holds, and a file that reads top down.
 *
 * <p>Every string is escaped: quote, backslash, all C0 and C1 control characters and DEL (a snapshot is
 * often read with {@code cat}; an ESC or CSI in a query must not reach the terminal), U+2028/U+2029 (line
 * ends to JavaScript), and a lone surrogate (it has no UTF-8 form; written raw it would turn into {@code ?}).
 */
public final class JsonWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out = new StringBuilder(4096);
    /** One entry per open object or array: whether it has no member yet. */
    private final Deque<boolean[]> open = new ArrayDeque<>();
    private boolean afterName;

    public JsonWriter beginObject() {
        return begin('{');
    }

    public JsonWriter endObject() {
        return end('}');
    }

    public JsonWriter beginArray() {
        return begin('[');
    }

    public JsonWriter endArray() {
        return end(']');
    }

    /** The next member's name; its value follows. */
    public JsonWriter name(String name) {
        separate();
        string(name);
        out.append(": ");
        afterName = true;
        return this;
    }

    public JsonWriter value(String value) {
        separate();
        if (value == null) {
            out.append("null");
        } else {
            string(value);
        }
        return this;
    }

    public JsonWriter value(long value) {
        separate();
        out.append(value);
        return this;
    }

    /** A number, or null when unknown. */
    public JsonWriter value(Number value) {
        separate();
        out.append(value == null ? "null" : String.valueOf(value.longValue()));
        return this;
    }

    public JsonWriter value(boolean value) {
        separate();
        out.append(value);
        return this;
    }

    public JsonWriter nullValue() {
        separate();
        out.append("null");
        return this;
    }

    /** An array of numbers; null stays null. */
    public JsonWriter value(int[] values) {
        if (values == null) {
            return nullValue();
        }
        separate();
        out.append('[');
        for (int i = 0; i < values.length; i++) {
            out.append(i == 0 ? "" : ", ").append(values[i]);
        }
        out.append(']');
        return this;
    }

    /** An array of strings; null stays null. */
    public JsonWriter value(Iterable<String> values) {
        if (values == null) {
            return nullValue();
        }
        beginArray();
        for (String v : values) {
            value(v);
        }
        return endArray();
    }

    /** The document; every object and array must be closed. */
    public String toJson() {
        if (!open.isEmpty()) {
            throw new IllegalStateException(open.size() + " object(s) or array(s) left open");
        }
        return out.append('\n').toString();
    }

    private JsonWriter begin(char bracket) {
        separate();
        out.append(bracket);
        open.push(new boolean[] {true});
        return this;
    }

    private JsonWriter end(char bracket) {
        boolean empty = open.pop()[0];
        if (!empty) {
            newline();
        }
        out.append(bracket);
        return this;
    }

    /** The comma and line break before a value, unless it follows its name. */
    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        boolean[] first = open.peek();
        if (first == null) {
            return;
        }
        if (!first[0]) {
            out.append(',');
        }
        first[0] = false;
        newline();
    }

    private void newline() {
        out.append('\n');
        for (int i = 0; i < open.size(); i++) {
            out.append("  ");
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || loneSurrogate(s, i)) {
                        unicode(c);
                    } else {
                        out.append(c);
                    }
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(s.charAt(++i));
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean loneSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        return Character.isLowSurrogate(c); // a low one reached here had no high one before it
    }

    private void unicode(char c) {
        out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf])
                .append(HEX[c & 0xf]);
    }
}
