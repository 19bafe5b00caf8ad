package io.pgjmx.console.render;

/** Ages in seconds as an operator reads them at a glance: 42s, 12m05s, 3h07m, 2d04h; "-" for none. */
public final class Ages {

    private Ages() {
    }

    public static String format(long seconds) {
        if (seconds < 0) {
            return "-";
        }
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format("%dm%02ds", seconds / 60, seconds % 60);
        }
        if (seconds < 86400) {
            return String.format("%dh%02dm", seconds / 3600, seconds % 3600 / 60);
        }
        return String.format("%dd%02dh", seconds / 86400, seconds % 86400 / 3600);
    }
}
