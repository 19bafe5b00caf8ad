package io.pgjmx.agent.families.dbcp2;

import io.pgjmx.agent.instrument.Borrowing;
import io.pgjmx.agent.instrument.ExhaustionInstrumentation;
import io.pgjmx.agent.instrument.PoolFamily;
import java.util.List;

/** Apache Commons DBCP2 and Tomcat's repackaged copy of it (tomcat-dbcp): this folder's line in PoolFamilies. */
public final class Dbcp2Family {

    public static final PoolFamily FAMILY = new PoolFamily("dbcp2",
            List.of(new Dbcp2Instrumentation(Dbcp2Instrumentation.COMMONS),
                    new Dbcp2Instrumentation(Dbcp2Instrumentation.TOMCAT),
                    Borrowing.dbcp2(Dbcp2Instrumentation.COMMONS), Borrowing.dbcp2(Dbcp2Instrumentation.TOMCAT),
                    ExhaustionInstrumentation.of(Dbcp2Instrumentation.COMMONS + Dbcp2Instrumentation.BASIC_DATA_SOURCE),
                    ExhaustionInstrumentation.of(Dbcp2Instrumentation.TOMCAT + Dbcp2Instrumentation.BASIC_DATA_SOURCE)),
            List.of(new Dbcp2Adapter(Dbcp2Instrumentation.COMMONS), new Dbcp2Adapter(Dbcp2Instrumentation.TOMCAT)));

    private Dbcp2Family() {
    }
}
