package io.pgjmx.api;

/**
 * How every text table shows what the database holds: C0 and C1 control characters and DEL as {@code \xNN}
 * (ESC is {@code \x1b}, a newline {@code \x0a}). A query or application name is written by any database user;
 * sent raw, it could move the cursor, clear the screen or retitle the terminal of whoever looks at the table.
 * A backslash stays as it is: queries are full of them (regular expressions, {@code E''} strings), and a
 * written-out {@code \x1b} in a table harms no terminal.
 */
public final class ControlChars {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ControlChars() {
    }

    /** The text with every control character visible; null stays null. */
    public static String visible(String text) {
        return visible(text, false);
    }

    /** The same, but a newline stays one: for messages of several lines (they may quote the database). */
    public static String visibleKeepingLines(String text) {
        return visible(text, true);
    }

    private static String visible(String text, boolean keepNewlines) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && !(keepNewlines && c == '\n')) || (c >= 0x7f && c <= 0x9f);
            if (!control) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
        }
        return out == null ? text : out.toString();
    }
}
