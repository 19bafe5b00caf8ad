package io.pgjmx.agent.instrument;

import io.pgjmx.bridge.PgjmxBridge;
import net.bytebuddy.asm.Advice;

/** Advice for the PostgreSQL JDBC driver itself. Inlined: JDK types and the bridge only. */
final class PgJdbcAdvice {

    private PgJdbcAdvice() {
    }

    /** {@code org.postgresql.Driver#connect}: every physical connection, whoever opens it. */
    static final class Connect {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return Object connection) {
            PgjmxBridge.physicalConnectionOpened(connection);
        }
    }

    /**
     * {@code BaseDataSource#getConnection(String, String)}: pgjdbc's DataSources. Outermost only, so a
     * PGSimpleDataSource that a pool wraps is attributed to the pool and not discovered on its own.
     */
    static final class DataSourceGetConnection {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter(@Advice.This Object dataSource) {
            boolean outermost = PgjmxBridge.enterConnectionCreation(dataSource);
            if (outermost) {
                PgjmxBridge.dataSourceUsed(dataSource);
            }
            return outermost;
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.This Object dataSource, @Advice.Enter boolean outermost) {
            PgjmxBridge.exitConnectionCreation(dataSource, outermost);
        }
    }
}
