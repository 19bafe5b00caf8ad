package io.pgjmx.agent.families.tomcat;

import static io.pgjmx.agent.instrument.LibraryInstrumentation.noArgs;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.pgjmx.agent.instrument.LibraryInstrumentation;
import io.pgjmx.bridge.PgjmxBridge;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * The Tomcat JDBC pool ({@code org.apache.tomcat.jdbc.pool}). Its DataSource extends DataSourceProxy, which
 * declares getConnection, createPool and close. A physical connection is opened in
 * {@code PooledConnection#connect}; the creator is that connection's pool ({@code parent}), so the backends
 * are the ConnectionPool's.
 */
final class TomcatJdbcInstrumentation implements LibraryInstrumentation {

    static final String PROXY = "org.apache.tomcat.jdbc.pool.DataSourceProxy";
    static final String POOLED_CONNECTION = "org.apache.tomcat.jdbc.pool.PooledConnection";

    @Override
    public Set<String> typeNames() {
        return Set.of(PROXY, POOLED_CONNECTION);
    }

    @Override
    public AgentBuilder apply(AgentBuilder builder) {
        builder = LibraryInstrumentation.dataSource(builder, PROXY, noArgs("getConnection").or(named("createPool")),
                named("close").and(takesArguments(1)));
        return builder
                .type(named(POOLED_CONNECTION))
                .transform(LibraryInstrumentation.advice()
                        .advice(noArgs("connect"), Connect.class.getName()));
    }

    /** {@code PooledConnection#connect}: inlined, JDK types and the bridge only. */
    static final class Connect {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter(@Advice.FieldValue("parent") Object pool) {
            return PgjmxBridge.enterConnectionCreation(pool);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.FieldValue("parent") Object pool, @Advice.Enter boolean outermost) {
            PgjmxBridge.exitConnectionCreation(pool, outermost);
        }
    }
}
