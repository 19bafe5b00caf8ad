package io.pgjmx.agent.http;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Repairs the {@code \}{@code u00XY} escapes of Jolokia 2.6's JSON writer, which writes the low hex digit of a
 * control character as {@code '0' + n}: ESC (0x1b) comes out as {@code \}{@code u001;}, invalid JSON that breaks
 * every strict client. The digit is rewritten to {@code a}-{@code f} on the way out. Only a backslash that is
 * not itself escaped starts an escape, so string content ({@code \\u001;} in the output) is left alone. The
 * answer keeps its length.
 */
final class JsonEscapeRepair extends FilterOutputStream {

    private boolean oddBackslash;
    /** Position in {@code u00XY} after an unescaped backslash: 1 = expecting the first 0, ... 4 = expecting Y. */
    private int escape;

    JsonEscapeRepair(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(repair((byte) b));
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        byte[] copy = new byte[len];
        for (int i = 0; i < len; i++) {
            copy[i] = repair(b[off + i]);
        }
        out.write(copy, 0, len);
    }

    private byte repair(byte b) {
        if (escape > 0) {
            if (escape == 4) {
                escape = 0;
                return b >= ':' && b <= '?' ? (byte) (b - ':' + 'a') : b;
            }
            if (escape == 3 || b == '0') {
                escape++;
                return b;
            }
            escape = 0;
        }
        if (b == '\\') {
            oddBackslash = !oddBackslash;
        } else {
            escape = oddBackslash && b == 'u' ? 1 : 0;
            oddBackslash = false;
        }
        return b;
    }
}
