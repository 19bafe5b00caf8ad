package io.pgjmx.agent.util;

import java.util.regex.Pattern;

/** Text rules shared by the JMX names and what the MBeans show. */
public final class Names {

    private static final Pattern UNSAFE = Pattern.compile("[,=:\"*?\\\\\\r\\n]");
    /** Any parameter whose name ends in "password" (password, sslpassword, ...), in ?&; lists, any case. */
    private static final Pattern SECRET_PARAM = Pattern.compile("(?i)([?&;][^?&;=]*password=)[^&;]*");
    private static final Pattern USERINFO_SECRET = Pattern.compile("(//[^/:@]*):[^/@]*@");

    private Names() {
    }

    /** The characters {@code ,=:"*?\} and newlines become {@code _} (the contract's rule for NAME). */
    public static String mbeanSafe(String name) {
        return UNSAFE.matcher(name).replaceAll("_");
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
