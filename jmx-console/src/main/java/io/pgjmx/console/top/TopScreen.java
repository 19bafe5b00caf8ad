package io.pgjmx.console.top;

import io.pgjmx.api.ControlChars;
import io.pgjmx.api.SessionAction;
import io.pgjmx.console.ConsoleException;
import io.pgjmx.console.client.OperationFailed;
import io.pgjmx.console.client.Session;
import io.pgjmx.console.render.SessionTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;

/**
 * top on a terminal: raw mode, the whole screen redrawn after each refresh, key press or resize (ANSI home,
 * each line cleared to its end). A session is picked by pid, so the selection stays on it while the order
 * changes between refreshes.
 */
public final class TopScreen {

    private static final String HOME = "\033[H";
    private static final String CLEAR_LINE = "\033[K";
    private static final String CLEAR_BELOW = "\033[J";
    private static final String REVERSE = "\033[7m";
    private static final String RESET = "\033[0m";
    private static final String KEYS = "j/k or arrows: select  e: explain  c: cancel  t: terminate  r: refresh  q: quit";
    private static final String EXPLAIN_KEYS = "j/k or arrows: scroll  r: again  e, q or Esc: back to the sessions";
    private static final int TICK_MILLIS = 100;

    private final Terminal terminal;
    private final TopTarget target;

    private TopData data;
    private Integer selectedPid;
    private int selectedIndex;
    private int offset;
    private String message = "";
    private Pending pending;
    /** The explain view of one session while it is open (refreshes pause), and how far it is scrolled. */
    private List<String> explain;
    private int explainPid;
    private int explainOffset;
    private volatile boolean resized;
    private volatile boolean quit;

    /** A cancel or terminate waiting for y/n. */
    private record Pending(SessionAction action, Session session) {
    }

    public TopScreen(Terminal terminal, TopTarget target) {
        this.terminal = terminal;
        this.target = target;
    }

    /** Runs until q (or Ctrl-C), or after {@code iterations} refreshes when given. */
    public void run(Integer iterations) throws IOException {
        Attributes saved = terminal.enterRawMode();
        terminal.handle(Terminal.Signal.WINCH, s -> resized = true);
        terminal.handle(Terminal.Signal.INT, s -> quit = true);
        terminal.puts(Capability.enter_ca_mode);
        terminal.puts(Capability.cursor_invisible);
        try {
            loop(iterations);
        } finally {
            terminal.puts(Capability.cursor_visible);
            terminal.puts(Capability.exit_ca_mode);
            terminal.setAttributes(saved);
            terminal.flush();
        }
    }

    private void loop(Integer iterations) throws IOException {
        NonBlockingReader keys = terminal.reader();
        long intervalNanos = (long) (target.intervalSeconds() * 1e9);
        long nextRefresh = System.nanoTime();
        int refreshes = 0;
        boolean dirty = true;
        while (!quit) {
            if (pending == null && explain == null && System.nanoTime() - nextRefresh >= 0) {
                if (iterations != null && refreshes >= iterations) {
                    return;
                }
                refresh();
                refreshes++;
                nextRefresh = System.nanoTime() + intervalNanos;
                dirty = true;
            }
            if (dirty || resized) {
                resized = false;
                draw();
                dirty = false;
            }
            int key = keys.read(TICK_MILLIS);
            if (key == NonBlockingReader.EOF) {
                return;
            }
            if (key != NonBlockingReader.READ_EXPIRED) {
                if (onKey(key, keys)) {
                    nextRefresh = System.nanoTime();
                }
                dirty = true;
            }
        }
    }

    private void refresh() {
        try {
            data = target.fetch();
            follow();
        } catch (OperationFailed | ConsoleException e) {
            // shown until the next refresh works: a restarting server or a lost connection should not end top
            message = "error: " + ControlChars.visible(e.getMessage());
        }
    }

    /** Keeps the selection on the same pid; if that session is gone, on the row where it was. */
    private void follow() {
        List<Session> rows = data.sessions();
        if (rows.isEmpty()) {
            selectedPid = null;
            selectedIndex = 0;
            return;
        }
        if (selectedPid != null) {
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).pid() == selectedPid) {
                    selectedIndex = i;
                    return;
                }
            }
        }
        selectedIndex = Math.max(0, Math.min(selectedIndex, rows.size() - 1));
        selectedPid = rows.get(selectedIndex).pid();
    }

    /** Handles one key; true when the sessions should be fetched again right away. */
    private boolean onKey(int key, NonBlockingReader keys) throws IOException {
        if (explain != null) {
            return onExplainKey(key, keys);
        }
        if (pending != null) {
            Pending p = pending;
            pending = null;
            if (key == 'y' || key == 'Y') {
                message = signal(p.action(), p.session().pid());
                return true;
            }
            message = "not " + p.action().past() + " " + p.session().pid() + ": not confirmed";
            return false;
        }
        switch (key) {
            case 'q', 'Q', 3 -> quit = true;
            case 'j', 14 -> move(1);
            case 'k', 16 -> move(-1);
            case 'r', ' ' -> {
                return true;
            }
            case 'e', '\r', '\n' -> openExplain();
            case 'c' -> ask(SessionAction.CANCEL);
            case 't' -> ask(SessionAction.TERMINATE);
            case 27 -> escape(keys);
            default -> {
                // other keys do nothing; the key line at the bottom lists the ones that do
            }
        }
        return false;
    }

    /** Arrow keys arrive as ESC [ A (or ESC O A in application mode). */
    private void escape(NonBlockingReader keys) throws IOException {
        int next = keys.read(50);
        if (next != '[' && next != 'O') {
            return;
        }
        int code = keys.read(50);
        if (code == 'A') {
            move(-1);
        } else if (code == 'B') {
            move(1);
        } else if (code == '5' || code == '6') {
            keys.read(50); // the '~' that ends PageUp/PageDown
            move((code == '5' ? -1 : 1) * Math.max(1, rowsRoom()));
        }
    }

    /** The agent's explainSession of the selected session, shown in place of the table. */
    private void openExplain() {
        if (data == null || selectedPid == null) {
            message = "no session selected";
            return;
        }
        explainPid = selectedPid;
        explainOffset = 0;
        explain = fetchExplain(explainPid);
    }

    private List<String> fetchExplain(int pid) {
        try {
            return List.of(ControlChars.visibleKeepingLines(target.explain(pid)).split("\n", -1));
        } catch (OperationFailed | ConsoleException e) {
            return List.of("explain " + pid + ": " + ControlChars.visible(e.getMessage()));
        }
    }

    /** Keys of the explain view; true when the sessions should be fetched again on return. */
    private boolean onExplainKey(int key, NonBlockingReader keys) throws IOException {
        switch (key) {
            case 'e', 'q', 'Q', 3 -> {
                explain = null;
                return true;
            }
            case 27 -> {
                int next = keys.read(50);
                if (next == '[' || next == 'O') {
                    int code = keys.read(50);
                    scrollExplain(code == 'A' ? -1 : code == 'B' ? 1 : 0);
                } else {
                    explain = null;
                    return true;
                }
            }
            case 'j', 14 -> scrollExplain(1);
            case 'k', 16 -> scrollExplain(-1);
            case 'r', ' ' -> explain = fetchExplain(explainPid);
            default -> {
                // other keys do nothing here
            }
        }
        return false;
    }

    private void scrollExplain(int delta) {
        explainOffset = Math.max(0, Math.min(Math.max(0, explain.size() - rowsRoom()), explainOffset + delta));
    }

    private void move(int delta) {
        if (data == null || data.sessions().isEmpty()) {
            return;
        }
        selectedIndex = Math.max(0, Math.min(data.sessions().size() - 1, selectedIndex + delta));
        selectedPid = data.sessions().get(selectedIndex).pid();
    }

    private void ask(SessionAction action) {
        if (data == null || selectedPid == null) {
            message = "no session selected";
            return;
        }
        pending = new Pending(action, data.sessions().get(selectedIndex));
    }

    private String signal(SessionAction action, int pid) {
        try {
            return target.signal(action, pid) ? action.past() + " " + pid
                    : "not " + action.past() + " " + pid + ": signalled, but still there when the agent's wait ran out";
        } catch (OperationFailed | ConsoleException e) {
            return "not " + action.past() + " " + pid + ": " + ControlChars.visible(e.getMessage());
        }
    }

    private int rowsRoom() {
        return Math.max(1, terminal.getHeight() - 5);
    }

    private void draw() {
        int width = Math.max(20, terminal.getWidth());
        int height = Math.max(3, terminal.getHeight());
        StringBuilder screen = new StringBuilder(HOME);
        int used = 0;
        if (explain != null) {
            line(screen, "pgjmx top - " + target.where() + " - explain pid " + explainPid, width);
            used++;
            for (int r = explainOffset; r < explain.size() && used < height - 1; r++) {
                line(screen, explain.get(r), width);
                used++;
            }
        } else if (data == null) {
            line(screen, "pgjmx top - " + target.where() + " - loading...", width);
            used++;
        } else {
            line(screen, target.title(data), width);
            line(screen, data.summary(), width);
            line(screen, "", width);
            List<String> table = new SessionTable(width - 1, false).lines(data.sessions());
            line(screen, table.get(0), width);
            used += 4;
            int room = Math.max(0, height - used - 1);
            if (selectedIndex < offset) {
                offset = selectedIndex;
            } else if (selectedIndex >= offset + room) {
                offset = selectedIndex - room + 1;
            }
            offset = Math.max(0, Math.min(offset, Math.max(0, table.size() - 1 - room)));
            for (int r = offset; r < Math.min(table.size() - 1, offset + room); r++) {
                String row = table.get(r + 1);
                if (r == selectedIndex) {
                    String cut = row.length() >= width ? row.substring(0, width - 1) : row;
                    screen.append(REVERSE).append(cut).append(" ".repeat(width - 1 - cut.length())).append(RESET)
                            .append(CLEAR_LINE).append("\r\n");
                } else {
                    line(screen, row, width);
                }
                used++;
            }
        }
        while (used < height - 1) {
            line(screen, "", width);
            used++;
        }
        screen.append(REVERSE).append(cut(status(), width - 1)).append(RESET).append(CLEAR_LINE).append(CLEAR_BELOW);
        PrintWriter out = terminal.writer();
        out.print(screen);
        out.flush();
    }

    private String status() {
        if (explain != null) {
            return "explain: pid " + explainPid + " | " + EXPLAIN_KEYS;
        }
        if (pending != null) {
            Session s = pending.session();
            String verb = pending.action().verb();
            return Character.toUpperCase(verb.charAt(0)) + verb.substring(1) + " pid " + s.pid() + " ("
                    + ControlChars.visible(s.user()) + ", " + ControlChars.visible(s.state()) + ")? y/n";
        }
        String selected = selectedPid == null ? "no session selected" : "selected: pid " + selectedPid;
        return (message.isEmpty() ? "" : message + " | ") + selected + " | " + KEYS;
    }

    private static void line(StringBuilder screen, String text, int width) {
        screen.append(cut(text, width - 1)).append(CLEAR_LINE).append("\r\n");
    }

    private static String cut(String text, int width) {
        return text.length() <= width ? text : text.substring(0, Math.max(0, width));
    }
}
