package io.pgjmx.agent.families.dbcp2;

import static io.pgjmx.agent.instrument.MethodMatch.noArgs;

import io.pgjmx.agent.instrument.PoolInstrumentation;
import java.util.List;

/**
 * Apache Commons DBCP2's BasicDataSource, and Tomcat's repackaged copy of it (same classes under another
 * package). Found on getConnection and start; its physical connections are opened in
 * {@code PoolableConnectionFactory#makeObject}, on the borrowing thread or the evictor's.
 */
final class Dbcp2Instrumentation extends PoolInstrumentation {

    static final String COMMONS = "org.apache.commons.dbcp2.";
    static final String TOMCAT = "org.apache.tomcat.dbcp.dbcp2.";
    static final String BASIC_DATA_SOURCE = "BasicDataSource";
    static final String CONNECTION_FACTORY = "PoolableConnectionFactory";

    Dbcp2Instrumentation(String packagePrefix) {
        super(packagePrefix + BASIC_DATA_SOURCE, List.of(noArgs("getConnection"), noArgs("start")), List.of(noArgs("close")),
                packagePrefix + CONNECTION_FACTORY, noArgs("makeObject"));
    }
}
