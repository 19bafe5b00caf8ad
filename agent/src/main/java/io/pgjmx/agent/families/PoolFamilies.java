package io.pgjmx.agent.families;

import io.pgjmx.agent.discovery.PoolAdapter;
import io.pgjmx.agent.families.agroal.AgroalFamily;
import io.pgjmx.agent.families.c3p0.C3p0Family;
import io.pgjmx.agent.families.dbcp2.Dbcp2Family;
import io.pgjmx.agent.families.direct.DirectFamily;
import io.pgjmx.agent.families.hikari.HikariFamily;
import io.pgjmx.agent.families.pgjdbc.PgJdbcFamily;
import io.pgjmx.agent.families.spring.SpringFamily;
import io.pgjmx.agent.families.tomcat.TomcatFamily;
import io.pgjmx.agent.families.vibur.ViburFamily;
import io.pgjmx.agent.instrument.LibraryInstrumentation;
import io.pgjmx.agent.instrument.PoolFamily;
import java.util.ArrayList;
import java.util.List;

/**
 * Every pool family the agent knows, one line each: the installer's instrumentations and the registry's
 * adapters both come from here, so they cannot drift apart. No two families advise or handle the same
 * class; {@code direct} (connections opened outside any pool) is asked last.
 */
public final class PoolFamilies {

    public static final List<PoolFamily> ALL = List.of(
            HikariFamily.FAMILY,
            PgJdbcFamily.FAMILY,
            Dbcp2Family.FAMILY,
            TomcatFamily.FAMILY,
            C3p0Family.FAMILY,
            AgroalFamily.FAMILY,
            ViburFamily.FAMILY,
            SpringFamily.FAMILY,
            DirectFamily.FAMILY);

    private PoolFamilies() {
    }

    // loops, not streams: instrumentations() runs in premain, where a JVM's first stream costs milliseconds

    public static List<LibraryInstrumentation> instrumentations() {
        List<LibraryInstrumentation> all = new ArrayList<>();
        for (PoolFamily f : ALL) {
            all.addAll(f.instrumentations());
        }
        return all;
    }

    public static List<PoolAdapter> adapters() {
        List<PoolAdapter> all = new ArrayList<>();
        for (PoolFamily f : ALL) {
            all.addAll(f.adapters());
        }
        return List.copyOf(all);
    }
}
