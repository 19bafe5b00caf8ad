package io.pgjmx.agent.jmx;

import io.pgjmx.agent.session.Session;
import io.pgjmx.api.ControlChars;
import io.pgjmx.api.SessionColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sessions as a fixed-width text table for JConsole and VisualVM, which show a String as it is. The columns
 * come in {@link SessionColumn}'s order, so what decides an incident fits in JConsole's narrow result dialog.
 */
final class SessionTable {

    private static final int MAX_CELL = 30;
    private static final int MAX_QUERY = 80;

    private SessionTable() {
    }

    static String render(List<Session> sessions) {
        SessionColumn[] columns = SessionColumn.values();
        List<String[]> rows = new ArrayList<>();
        rows.add(Arrays.stream(columns).map(Enum::name).toArray(String[]::new));
        for (Session s : sessions) {
            String[] row = new String[columns.length];
            for (int i = 0; i < columns.length; i++) {
                row[i] = cell(columns[i], s);
            }
            rows.add(row);
        }
        int[] widths = new int[columns.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                boolean last = i == row.length - 1;
                out.append(last ? row[i] : pad(row[i], widths[i])).append(last ? "" : "  ");
            }
            out.append('\n');
        }
        out.append('(').append(sessions.size()).append(sessions.size() == 1 ? " session)" : " sessions)").append('\n');
        return out.toString();
    }

    private static String cell(SessionColumn column, Session s) {
        return switch (column) {
            case PID -> String.valueOf(s.getPid());
            case STATE -> cell(s.getState());
            case XACT_AGE -> age(s.getTransactionSeconds());
            case QUERY_AGE -> age(s.getQuerySeconds());
            case STATE_AGE -> age(s.getStateSeconds());
            case BLOCKED_BY -> s.getBlockedBy().length == 0 ? ""
                    : Arrays.toString(s.getBlockedBy()).replaceAll("[\\[\\] ]", "");
            case OWN -> SessionColumn.yesNo(s.isOwn());
            case HOLDER -> holder(s);
            case USER -> cell(s.getUser());
            case DATABASE -> cell(s.getDatabase());
            case APPLICATION -> cell(s.getApplicationName());
            case CLIENT -> cell(s.getClientAddress());
            case WAIT -> s.getWaitEventType() == null ? "" : cell(s.getWaitEventType() + ":" + s.getWaitEvent());
            case QUERY -> query(s.getQuery());
        };
    }

    private static String cell(String value) {
        if (value == null) {
            return "-";
        }
        value = ControlChars.visible(value);
        return value.length() > MAX_CELL ? value.substring(0, MAX_CELL - 1) + "~" : value;
    }

    private static String query(String q) {
        if (q == null) {
            return "-";
        }
        String flat = ControlChars.visible(q.replaceAll("\\s+", " ").trim());
        return flat.length() > MAX_QUERY ? flat.substring(0, MAX_QUERY - 3) + "..." : flat;
    }

    /** The thread and how long it has held the connection: {@code worker-3 (42s)}; {@code -} when none. */
    static String holder(Session s) {
        return s.getHolderThread() == null ? "-" : cell(s.getHolderThread() + " (" + s.getHeldSeconds() + "s)");
    }

    private static String age(long seconds) {
        return seconds < 0 ? "-" : String.valueOf(seconds);
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }
}
