package io.pgjmx.agent.discovery;

import io.pgjmx.agent.util.Reflect;

/** What the agent knows of pgjdbc's own objects. */
final class PgJdbc {

    private PgJdbc() {
    }

    static boolean isPostgresUrl(String url) {
        return url.startsWith("jdbc:postgresql:");
    }

    /** A pgjdbc BaseDataSource's URL, with user and password left out (they are read separately). */
    static String dataSourceUrl(Object pgDataSource) {
        String url = Reflect.string(pgDataSource, "getUrl");
        return url == null ? null : url.replaceAll("(?i)([?&])(password|user)=[^&]*&?", "$1").replaceAll("[?&]$", "");
    }
}
