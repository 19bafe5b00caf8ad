package io.pgjmx.agent.util;

import io.pgjmx.api.ObjectNames;
import java.util.regex.Pattern;

/** Text rules shared by the JMX names and what the MBeans show. */
public final class Names {

    /** Any parameter whose name ends in "password" (password, sslpassword, ...), in ?&; lists, any case. */
    private static final Pattern SECRET_PARAM = Pattern.compile("(?i)([?&;][^?&;=]*password=)[^&;]*");
    private static final Pattern USERINFO_SECRET = Pattern.compile("(//[^/:@]*):[^/@]*@");

    private Names() {
    }

    /** The characters {@code ,=:"*?\} and newlines become {@code _} (the contract's rule for NAME). */
    public static String mbeanSafe(String name) {
        StringBuilder safe = new StringBuilder(name);
        for (int i = 0; i < safe.length(); i++) {
            if (ObjectNames.UNSAFE_NAME_CHARACTERS.indexOf(safe.charAt(i)) >= 0) {
                safe.setCharAt(i, '_');
            }
        }
        return safe.toString();
    }

    /**
     * A JDBC URL fit for showing: the value of every parameter named {@code ...password} ({@code password},
     * {@code sslpassword}, any case) and a password in the user info are masked.
     */
    public static String withoutPassword(String jdbcUrl) {
        if (jdbcUrl == null) {
            return null;
        }
        String masked = SECRET_PARAM.matcher(jdbcUrl).replaceAll("$1***");
        return USERINFO_SECRET.matcher(masked).replaceAll("$1:***@");
    }
}
