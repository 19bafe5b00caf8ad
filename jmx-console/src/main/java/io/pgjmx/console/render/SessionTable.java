package io.pgjmx.console.render;

import io.pgjmx.api.ControlChars;
import io.pgjmx.api.SessionColumn;
import io.pgjmx.console.client.Session;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sessions as a table that fits a terminal's width, in the columns and order of {@link SessionColumn} (the
 * same as JConsole's {@code showSessions}): cells are capped, the least telling columns are left out when
 * the width is short, and the query takes what is left (cut with "..."). Wide mode caps nothing. Columns
 * chosen with {@code --columns} are shown as chosen, none left out.
 */
public final class SessionTable {

    private static final String GAP = "  ";
    private static final int MIN_QUERY = 30;
    private static final int HOLDER_CAP = 32;

    /** One column: its header, its cell, the widest it may get. */
    private record Column(SessionColumn name, Function<Session, String> cell, int cap) {
        String header() {
            return name.name();
        }
    }

    private static final Map<SessionColumn, Column> COLUMNS = new EnumMap<>(SessionColumn.class);

    static {
        add(SessionColumn.PID, s -> String.valueOf(s.pid()), 10);
        add(SessionColumn.STATE, s -> text(s.state()), 29);
        add(SessionColumn.XACT_AGE, s -> Ages.format(s.transactionSeconds()), 8);
        add(SessionColumn.QUERY_AGE, s -> Ages.format(s.querySeconds()), 9);
        add(SessionColumn.STATE_AGE, s -> Ages.format(s.stateSeconds()), 9);
        add(SessionColumn.BLOCKED_BY, SessionTable::blockedBy, 20);
        add(SessionColumn.OWN, s -> SessionColumn.yesNo(s.own()), 3);
        add(SessionColumn.HOLDER, SessionTable::holder, HOLDER_CAP);
        add(SessionColumn.USER, s -> text(s.user()), 16);
        add(SessionColumn.DATABASE, s -> text(s.database()), 16);
        add(SessionColumn.APPLICATION, s -> text(s.applicationName()), 20);
        add(SessionColumn.CLIENT, s -> text(s.clientAddress()), 15);
        add(SessionColumn.WAIT, SessionTable::waitOf, 24);
    }

    /**
     * Left out in this order when the width is short: the least telling first. HOLDER goes last, so that a
     * terminal of 100 columns still names the thread holding each connection beside the query.
     */
    private static final List<SessionColumn> DROP_ORDER = List.of(SessionColumn.CLIENT, SessionColumn.APPLICATION,
            SessionColumn.WAIT, SessionColumn.DATABASE, SessionColumn.STATE_AGE, SessionColumn.USER,
            SessionColumn.HOLDER);

    private final int width;
    private final boolean wide;
    private final List<SessionColumn> chosen;

    /** {@code width}: the terminal's columns; {@code wide}: show every cell and the whole query, ignore width. */
    public SessionTable(int width, boolean wide) {
        this(width, wide, null);
    }

    /** As above with the columns given (in their order); null for all, narrowed to the width. */
    public SessionTable(int width, boolean wide, List<SessionColumn> columns) {
        this.width = width;
        this.wide = wide;
        this.chosen = columns == null ? null : List.copyOf(columns);
    }

    private static void add(SessionColumn name, Function<Session, String> cell, int cap) {
        COLUMNS.put(name, new Column(name, cell, cap));
    }

    /** The header and one line per session, in the order given. No line is longer than the width (unless wide). */
    public List<String> lines(List<Session> sessions) {
        List<SessionColumn> names = chosen == null ? List.of(SessionColumn.values()) : chosen;
        boolean withQuery = names.contains(SessionColumn.QUERY);
        List<Column> columns = new ArrayList<>();
        for (SessionColumn name : names) {
            if (name != SessionColumn.QUERY) {
                columns.add(COLUMNS.get(name));
            }
        }
        List<String[]> cells = new ArrayList<>();
        int[] widths = measure(columns, sessions, cells);
        if (!wide && chosen == null) {
            for (SessionColumn drop : DROP_ORDER) {
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
        lines.add(fit(line(columns.stream().map(Column::header).toArray(String[]::new), widths)
                + (withQuery ? "QUERY" : "")));
        for (int r = 0; r < sessions.size(); r++) {
            lines.add(fit(line(cells.get(r), widths)
                    + (withQuery ? cut(query(sessions.get(r).query()), queryWidth) : "")));
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

    private static int indexOf(List<Column> columns, SessionColumn name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name() == name) {
                return i;
            }
        }
        throw new IllegalStateException("no column " + name);
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

    /** What the database holds is shown with its control characters visible, never sent to the terminal. */
    private static String text(String value) {
        return value == null ? "-" : ControlChars.visible(value);
    }

    /** Queries span lines; a table row may not. */
    private static String query(String q) {
        return q == null ? "-" : ControlChars.visible(q.replaceAll("\\s+", " ").trim());
    }

    private static String waitOf(Session s) {
        if (s.waitEventType() == null) {
            return "";
        }
        return text(s.waitEvent() == null ? s.waitEventType() : s.waitEventType() + ":" + s.waitEvent());
    }

    /** The thread of the application that has the connection checked out, and for how long: "worker-3 12m". */
    private static String holder(Session s) {
        if (s.holderThread() == null) {
            return "";
        }
        String age = " " + Ages.format(s.heldSeconds());
        // a long thread name is cut, never the time it has held the connection
        return cut(ControlChars.visible(s.holderThread()), Math.max(4, HOLDER_CAP - age.length())) + age;
    }

    private static String blockedBy(Session s) {
        return s.blockedBy().stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
