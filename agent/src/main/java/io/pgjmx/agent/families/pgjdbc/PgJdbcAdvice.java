package io.pgjmx.agent.families.pgjdbc;

import io.pgjmx.bridge.PgjmxBridge;
import java.util.Properties;
import net.bytebuddy.asm.Advice;

/** Advice for the PostgreSQL JDBC driver itself. Inlined: JDK types and the bridge only. */
final class PgJdbcAdvice {

    private PgJdbcAdvice() {
    }

    /**
     * {@code org.postgresql.Driver#connect}: every physical connection, whoever opens it. The URL and the
     * properties go along for a connection opened outside any known pool (DriverManager, direct use).
     */
    static final class Connect {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return Object connection, @Advice.Argument(0) String url,
                @Advice.Argument(1) Properties info) {
            PgjmxBridge.physicalConnectionOpened(connection, url, info);
        }
    }
}
