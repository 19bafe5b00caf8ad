package io.pgjmx.agent.jmx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Sessions as a fixed-width text table for JConsole and VisualVM, which show a String as it is. */
final class SessionTable {

    private static final String[] HEADERS = {"PID", "USER", "DATABASE", "APPLICATION", "CLIENT", "STATE", "XACT_S",
        "QUERY_S", "STATE_S", "WAIT", "BLOCKED_BY", "OWN", "QUERY"};
    private static final int MAX_CELL = 30;
    private static final int MAX_QUERY = 80;

    private SessionTable() {
    }

    static String render(List<Session> sessions) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (Session s : sessions) {
            rows.add(new String[] {
                String.valueOf(s.getPid()), cell(s.getUser()), cell(s.getDatabase()), cell(s.getApplicationName()),
                cell(s.getClientAddress()), cell(s.getState()), age(s.getTransactionSeconds()),
                age(s.getQuerySeconds()), age(s.getStateSeconds()),
                s.getWaitEventType() == null ? "" : cell(s.getWaitEventType() + ":" + s.getWaitEvent()),
                s.getBlockedBy().length == 0 ? "" : Arrays.toString(s.getBlockedBy()).replaceAll("[\\[\\] ]", ""),
                s.isOwn() ? "yes" : "", query(s.getQuery())});
        }
        int[] widths = new int[HEADERS.length];
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

    private static String cell(String value) {
        if (value == null) {
            return "-";
        }
        return value.length() > MAX_CELL ? value.substring(0, MAX_CELL - 1) + "~" : value;
    }

    private static String query(String q) {
        if (q == null) {
            return "-";
        }
        String flat = q.replaceAll("\\s+", " ").trim();
        return flat.length() > MAX_QUERY ? flat.substring(0, MAX_QUERY - 3) + "..." : flat;
    }

    private static String age(long seconds) {
        return seconds < 0 ? "-" : String.valueOf(seconds);
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }
}
