package io.pgjmx.agent.families.dbcp2;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.pgjmx.agent.instrument.LibraryInstrumentation;
import io.pgjmx.agent.instrument.PoolAdvice;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Apache Commons DBCP2's BasicDataSource, and Tomcat's repackaged copy of it (same classes under another
 * package). Found on getConnection and start; its physical connections are opened in
 * {@code PoolableConnectionFactory#makeObject}, on the borrowing thread or the evictor's.
 */
final class Dbcp2Instrumentation implements LibraryInstrumentation {

    static final String COMMONS = "org.apache.commons.dbcp2.";
    static final String TOMCAT = "org.apache.tomcat.dbcp.dbcp2.";
    static final String BASIC_DATA_SOURCE = "BasicDataSource";
    static final String CONNECTION_FACTORY = "PoolableConnectionFactory";

    private final String packagePrefix;

    Dbcp2Instrumentation(String packagePrefix) {
        this.packagePrefix = packagePrefix;
    }

    @Override
    public Set<String> typeNames() {
        return Set.of(packagePrefix + BASIC_DATA_SOURCE, packagePrefix + CONNECTION_FACTORY);
    }

    @Override
    public AgentBuilder apply(AgentBuilder builder) {
        return builder
                .type(named(packagePrefix + BASIC_DATA_SOURCE))
                .transform(LibraryInstrumentation.advice()
                        .advice(named("getConnection").and(takesArguments(0)).or(named("start").and(takesArguments(0))),
                                PoolAdvice.Used.class.getName())
                        .advice(named("close").and(takesArguments(0)), PoolAdvice.Closed.class.getName()))
                .type(named(packagePrefix + CONNECTION_FACTORY))
                .transform(LibraryInstrumentation.advice()
                        .advice(named("makeObject").and(takesArguments(0)), PoolAdvice.CreatesConnections.class.getName()));
    }
}
