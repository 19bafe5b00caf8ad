package io.pgjmx.agent.options;

import java.util.ArrayList;
import java.util.List;

/**
 * The agent line split into its {@code key=value} parts. A value that starts with {@code '} runs to the
 * closing quote, commas included; outside quotes {@code \,} is a comma. Positions count from 1 over every
 * comma-separated part, so a problem can say where it is without repeating what was written there.
 */
public final class AgentArguments {

    /** One part; key null when it has no {@code =}; problem set when the value's quoting is broken. */
    public record Arg(int position, String key, String value, String problem, boolean blank) {
    }

    private AgentArguments() {
    }

    public static List<Arg> split(String args) {
        List<Arg> out = new ArrayList<>();
        int n = args.length();
        int i = 0;
        int position = 0;
        while (i <= n) {
            position++;
            int start = i;
            while (i < n && args.charAt(i) != '=' && args.charAt(i) != ',') {
                i++;
            }
            if (i >= n || args.charAt(i) == ',') {
                boolean blank = args.substring(start, i).isBlank();
                out.add(new Arg(position, null, null, null, blank));
                i++;
                continue;
            }
            String key = args.substring(start, i).trim();
            i = skipSpaces(args, i + 1);
            StringBuilder value = new StringBuilder();
            String problem = null;
            if (i < n && args.charAt(i) == '\'') {
                i++;
                boolean closed = false;
                while (i < n && !closed) {
                    char c = args.charAt(i++);
                    if (c != '\'') {
                        value.append(c);
                    } else if (i < n && args.charAt(i) == '\'') {
                        value.append('\'');
                        i++;
                    } else {
                        closed = true;
                    }
                }
                i = skipSpaces(args, i);
                if (!closed) {
                    problem = "opens a quote that is never closed; end the value with '";
                } else if (i < n && args.charAt(i) != ',') {
                    problem = "has text after its closing quote; quote the whole value, e.g. " + key + "='a,b'";
                    while (i < n && args.charAt(i) != ',') {
                        i++;
                    }
                }
                out.add(new Arg(position, key, value.toString(), problem, false));
            } else {
                while (i < n && args.charAt(i) != ',') {
                    char c = args.charAt(i);
                    if (c == '\\' && i + 1 < n && args.charAt(i + 1) == ',') {
                        value.append(',');
                        i += 2;
                    } else {
                        value.append(c);
                        i++;
                    }
                }
                out.add(new Arg(position, key, value.toString().trim(), null, false));
            }
            i++;
        }
        return out;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
