package io.pgjmx.agent.http;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** HTTP/1.1 message bodies for {@link ChannelExchange}: by length or chunked, in and out (RFC 9112, 6 and 7). */
final class BodyStreams {

    /** A request without a body. */
    static final InputStream EMPTY = InputStream.nullInputStream();
    /** A chunk-size line longer than this is refused: no real client sends one. */
    private static final int MAX_CHUNK_LINE = 1024;

    private BodyStreams() {
    }

    static InputStream fixedInput(InputStream in, long length) {
        return new InputStream() {
            private long left = length;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b < 0) {
                    throw new IOException("the request body ended " + left + " bytes early");
                }
                left--;
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, left));
                if (n < 0) {
                    throw new IOException("the request body ended " + left + " bytes early");
                }
                left -= n;
                return n;
            }
        };
    }

    static InputStream chunkedInput(InputStream in) {
        return new InputStream() {
            private long left;
            private boolean done;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (done) {
                    return -1;
                }
                if (left == 0) {
                    left = nextChunk();
                    if (left == 0) {
                        done = true;
                        return -1;
                    }
                }
                int n = in.read(b, off, (int) Math.min(len, left));
                if (n < 0) {
                    throw new IOException("the request body ended inside a chunk");
                }
                left -= n;
                if (left == 0) {
                    line(); // the CRLF after the chunk's data
                }
                return n;
            }

            private long nextChunk() throws IOException {
                String size = line();
                int ext = size.indexOf(';');
                try {
                    long n = Long.parseLong((ext >= 0 ? size.substring(0, ext) : size).trim(), 16);
                    if (n < 0) {
                        throw new NumberFormatException();
                    }
                    if (n == 0) {
                        while (!line().isEmpty()) {
                            // trailer fields: ignored
                        }
                    }
                    return n;
                } catch (NumberFormatException e) {
                    throw new IOException("not a chunk size: " + size);
                }
            }

            private String line() throws IOException {
                StringBuilder line = new StringBuilder();
                for (int c; (c = in.read()) >= 0; ) {
                    if (c == '\n') {
                        int end = line.length();
                        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                    }
                    if (line.length() >= MAX_CHUNK_LINE) {
                        throw new IOException("a chunk line longer than " + MAX_CHUNK_LINE + " bytes");
                    }
                    line.append((char) c);
                }
                throw new IOException("the request body ended inside a chunk line");
            }
        };
    }

    /** After a HEAD request, a 204 or 304, or a length of -1: nothing may be written. */
    static OutputStream none(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("this response has no body");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (len > 0) {
                    throw new IOException("this response has no body");
                }
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }

    static OutputStream fixed(OutputStream out, long length) {
        return new Framed(out) {
            private long left = length;

            @Override
            void frame(byte[] b, int off, int len) throws IOException {
                if (len > left) {
                    throw new IOException("more than the " + length + " bytes the response declared");
                }
                out.write(b, off, len);
                left -= len;
            }

            @Override
            void end() throws IOException {
                out.flush();
            }
        };
    }

    static OutputStream chunked(OutputStream out) {
        return new Framed(out) {
            @Override
            void frame(byte[] b, int off, int len) throws IOException {
                if (len > 0) {
                    out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(b, off, len);
                    out.write('\r');
                    out.write('\n');
                }
            }

            @Override
            void end() throws IOException {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        };
    }

    /** A response body in some framing: written in frames until closed, then ended once. */
    private abstract static class Framed extends FilterOutputStream {
        private boolean closed;

        Framed(OutputStream out) {
            super(out);
        }

        abstract void frame(byte[] b, int off, int len) throws IOException;

        abstract void end() throws IOException;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("the response is complete");
            }
            frame(b, off, len);
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                end();
            }
        }
    }
}
