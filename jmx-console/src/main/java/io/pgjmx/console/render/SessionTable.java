package io.pgjmx.console.render;

import io.pgjmx.console.client.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sessions as a table that fits a terminal's width: cells are capped, the least telling columns are left
 * out when the width is short, and the query takes what is left (cut with "..."). Wide mode caps nothing.
 */
public final class SessionTable {

    private static final String GAP = "  ";
    private static final int MIN_QUERY = 30;

    /** One column: its header, its cell, the widest it may get, and whether it may be left out when narrow. */
    private record Column(String header, Function<Session, String> cell, int cap, boolean optional) {
    }

    // the optional columns, least telling first: they go in this order when the width is short
    private static final List<Column> COLUMNS = List.of(
            new Column("PID", s -> String.valueOf(s.pid()), 10, false),
            new Column("OWN", s -> s.own() ? "*" : "", 3, true),
            new Column("USER", s -> text(s.user()), 16, false),
            new Column("DATABASE", s -> text(s.database()), 16, true),
            new Column("APPLICATION", s -> text(s.applicationName()), 20, true),
            new Column("CLIENT", s -> text(s.clientAddress()), 15, true),
            new Column("STATE", s -> text(s.state()), 29, false),
            new Column("XACT_AGE", s -> Ages.format(s.transactionSeconds()), 8, false),
            new Column("QUERY_AGE", s -> Ages.format(s.querySeconds()), 9, false),
            new Column("IN_STATE", s -> Ages.format(s.stateSeconds()), 8, true),
            new Column("WAIT", SessionTable::waitOf, 24, true),
            new Column("BLOCKED_BY", SessionTable::blockedBy, 20, false));
    private static final List<String> DROP_ORDER = List.of("APPLICATION", "CLIENT", "IN_STATE", "DATABASE", "OWN", "WAIT");

    private final int width;
    private final boolean wide;

    /** {@code width}: the terminal's columns; {@code wide}: show every cell and the whole query, ignore width. */
    public SessionTable(int width, boolean wide) {
        this.width = width;
        this.wide = wide;
    }

    /** The header and one line per session, in the order given. No line is longer than the width (unless wide). */
    public List<String> lines(List<Session> sessions) {
        List<Column> columns = new ArrayList<>(COLUMNS);
        List<String[]> cells = new ArrayList<>();
        int[] widths = measure(columns, sessions, cells);
        if (!wide) {
            for (String drop : DROP_ORDER) {
                if (total(widths) + MIN_QUERY <= width) {
                    break;
                }
                int i = indexOf(columns, drop);
                columns.remove(i);
                cells.clear();
                widths = measure(columns, sessions, cells);
            }
        }
        int queryWidth = wide ? Integer.MAX_VALUE : Math.max(0, width - total(widths));
        List<String> lines = new ArrayList<>();
        lines.add(fit(line(columns.stream().map(Column::header).toArray(String[]::new), widths) + "QUERY"));
        for (int r = 0; r < sessions.size(); r++) {
            lines.add(fit(line(cells.get(r), widths) + cut(query(sessions.get(r).query()), queryWidth)));
        }
        return lines;
    }

    /** The same lines as one text, each ending in a newline. */
    public String render(List<Session> sessions) {
        return lines(sessions).stream().map(l -> l + "\n").collect(Collectors.joining());
    }

    private int[] measure(List<Column> columns, List<Session> sessions, List<String[]> cells) {
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = columns.get(c).header().length();
        }
        for (Session s : sessions) {
            String[] row = new String[columns.size()];
            for (int c = 0; c < columns.size(); c++) {
                Column column = columns.get(c);
                row[c] = wide ? column.cell().apply(s) : cut(column.cell().apply(s), column.cap());
                widths[c] = Math.max(widths[c], row[c].length());
            }
            cells.add(row);
        }
        return widths;
    }

    private static int total(int[] widths) {
        int sum = 0;
        for (int w : widths) {
            sum += w + GAP.length();
        }
        return sum;
    }

    private static int indexOf(List<Column> columns, String header) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).header().equals(header)) {
                return i;
            }
        }
        throw new IllegalStateException("no column " + header);
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            b.append(cells[c]).append(" ".repeat(widths[c] - cells[c].length())).append(GAP);
        }
        return b.toString();
    }

    private String fit(String line) {
        String trimmed = line.stripTrailing();
        return wide || trimmed.length() <= width ? trimmed : trimmed.substring(0, width);
    }

    static String cut(String value, int max) {
        if (value.length() <= max) {
            return value;
        }
        return max <= 3 ? value.substring(0, Math.max(0, max)) : value.substring(0, max - 3) + "...";
    }

    private static String text(String value) {
        return value == null ? "-" : value;
    }

    /** Queries span lines; a table row may not. */
    private static String query(String q) {
        return q == null ? "-" : q.replaceAll("\\s+", " ").trim();
    }

    private static String waitOf(Session s) {
        if (s.waitEventType() == null) {
            return "";
        }
        return s.waitEvent() == null ? s.waitEventType() : s.waitEventType() + ":" + s.waitEvent();
    }

    private static String blockedBy(Session s) {
        return s.blockedBy().stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
