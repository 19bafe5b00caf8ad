package io.pgjmx.agent.util;

/** The query part of a JDBC URL, handled as text: parameters are matched by name, ignoring case. */
public final class JdbcUrls {

    private JdbcUrls() {
    }

    /** The URL without the named parameters; everything else stays as it was, in order. */
    public static String withoutParams(String url, String... names) {
        int q = url == null ? -1 : url.indexOf('?');
        if (q < 0) {
            return url;
        }
        StringBuilder kept = new StringBuilder(url.substring(0, q));
        char sep = '?';
        for (String param : url.substring(q + 1).split("&")) {
            if (!param.isEmpty() && !isOneOf(nameOf(param), names)) {
                kept.append(sep).append(param);
                sep = '&';
            }
        }
        return kept.toString();
    }

    /** A parameter's value, not decoded; null when absent. */
    public static String param(String url, String name) {
        int q = url == null ? -1 : url.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String param : url.substring(q + 1).split("&")) {
            int eq = param.indexOf('=');
            if (eq > 0 && param.substring(0, eq).equalsIgnoreCase(name)) {
                return param.substring(eq + 1);
            }
        }
        return null;
    }

    private static String nameOf(String param) {
        int eq = param.indexOf('=');
        return eq < 0 ? param : param.substring(0, eq);
    }

    private static boolean isOneOf(String name, String[] names) {
        for (String n : names) {
            if (n.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
