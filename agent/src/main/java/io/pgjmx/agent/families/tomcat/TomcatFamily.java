package io.pgjmx.agent.families.tomcat;

import io.pgjmx.agent.instrument.Borrowing;
import io.pgjmx.agent.instrument.ExhaustionInstrumentation;
import io.pgjmx.agent.instrument.PoolFamily;
import java.util.List;

/** The Tomcat JDBC pool (org.apache.tomcat.jdbc.pool): this folder's line in PoolFamilies. */
public final class TomcatFamily {

    public static final PoolFamily FAMILY = new PoolFamily("tomcat", List.of(new TomcatJdbcInstrumentation(), Borrowing.tomcatJdbc(),
            ExhaustionInstrumentation.of(TomcatJdbcInstrumentation.PROXY)),
            List.of(new TomcatJdbcAdapter()));

    private TomcatFamily() {
    }
}
