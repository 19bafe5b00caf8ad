package io.pgjmx.console.render;

import java.io.Console;
import java.lang.reflect.Method;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** What the console knows about the terminal it runs in. */
public final class Terminals {

    public static final int DEFAULT_WIDTH = 120;

    private Terminals() {
    }

    /**
     * Whether both stdin and stdout are a terminal: someone can answer a question and see a screen. On JDK 22+
     * {@code System.console()} exists even when redirected, so its {@code isTerminal()} decides there.
     */
    public static boolean interactive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 17-21: a Console exists only for a terminal
        }
    }

    /** The width to fit tables to: env COLUMNS, else the terminal's width, else {@value #DEFAULT_WIDTH}. */
    public static int width() {
        String columns = System.getenv("COLUMNS");
        if (columns != null) {
            try {
                int w = Integer.parseInt(columns.trim());
                if (w > 0) {
                    return w;
                }
            } catch (NumberFormatException ignored) {
                // a bad COLUMNS is ignored, as ls and ps do
            }
        }
        if (interactive()) {
            try (Terminal t = TerminalBuilder.builder().system(true).dumb(true).build()) {
                if (t.getWidth() > 0) {
                    return t.getWidth();
                }
            } catch (Exception ignored) {
                // no terminal library works here: the default width will do
            }
        }
        return DEFAULT_WIDTH;
    }
}
