package io.pgjmx.demo;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** The demo's console output; synchronized so lines from worker, incident and stdin threads never interleave. */
final class Out {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Out() {
    }

    static synchronized void line(String text) {
        System.out.println(LocalTime.now().format(TIME) + "  " + text);
    }

    static synchronized void plain(String text) {
        System.out.println(text);
    }

    /** PostgreSQL error messages carry Where/Hint lines; one line per event keeps the log readable. */
    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
