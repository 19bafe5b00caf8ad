package io.pgjmx.agent.metrics;

import io.pgjmx.agent.metrics.Exposition.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** The {@code /metrics} page: the contract's metric names (DESIGN.md, "HTTP"), one family after another. */
public final class MetricsPage {

    private static final String DS = "datasource";

    private MetricsPage() {
    }

    public static String render(Exposition.Format format, String version, List<DataSourceFigures> dataSources) {
        Exposition e = new Exposition(format);
        e.family("pgjmx_agent_info", Type.INFO, "The pgjmx agent in this JVM; the value is always 1.")
                .sample("pgjmx_agent_info", 1, "version", version);
        e.family("pgjmx_up", Type.GAUGE, "1 when the DataSource's PostgreSQL server answered the last attempt, else 0.");
        for (DataSourceFigures d : dataSources) {
            e.sample("pgjmx_up", d.up() ? 1 : 0, DS, d.name());
        }
        e.family("pgjmx_sessions", Type.GAUGE, "Client backends on the DataSource's server by PostgreSQL state text; "
                + "own=true when opened by this DataSource in this JVM.");
        for (DataSourceFigures d : dataSources) {
            for (Map.Entry<String, int[]> s : new TreeMap<>(d.sessionsByState()).entrySet()) {
                e.sample("pgjmx_sessions", s.getValue()[0], DS, d.name(), "state", s.getKey(), "own", "true");
                e.sample("pgjmx_sessions", s.getValue()[1], DS, d.name(), "state", s.getKey(), "own", "false");
            }
        }
        gauge(e, dataSources, "pgjmx_sessions_waiting", "Client backends waiting on a lock.", DataSourceFigures::waiting);
        gauge(e, dataSources, "pgjmx_sessions_blocking", "Client backends holding a lock that another session waits for.",
                DataSourceFigures::blocking);
        gauge(e, dataSources, "pgjmx_oldest_transaction_seconds", "Age of the oldest open transaction, in seconds.",
                DataSourceFigures::oldestTransactionSeconds);
        gauge(e, dataSources, "pgjmx_longest_query_seconds", "Age of the longest running query, in seconds.",
                DataSourceFigures::longestQuerySeconds);
        byLabel(e, dataSources, "pgjmx_pool_connections", Type.GAUGE,
                "The pool's connections by state, as the pool reports them.", "state", MetricsPage::poolConnections);
        gauge(e, dataSources, "pgjmx_pool_pending_threads", "Threads waiting for a connection from the pool.",
                DataSourceFigures::poolPending);
        byLabel(e, dataSources, "pgjmx_cancels_total", Type.COUNTER, "Cancel requests through pgjmx by result.",
                "result", d -> new TreeMap<>(d.cancels()));
        byLabel(e, dataSources, "pgjmx_terminations_total", Type.COUNTER,
                "Terminate requests through pgjmx by result.", "result", d -> new TreeMap<>(d.terminations()));
        return e.finish();
    }

    private static void gauge(Exposition e, List<DataSourceFigures> dataSources, String name, String help,
            Function<DataSourceFigures, ? extends Number> value) {
        e.family(name, Type.GAUGE, help);
        for (DataSourceFigures d : dataSources) {
            Number v = value.apply(d);
            if (v != null && v.doubleValue() >= 0) { // -1 is the MBeans' "unknown": left out here
                e.sample(name, v.doubleValue(), DS, d.name());
            }
        }
    }

    /**
     * A family with one sample per DataSource and value of {@code label}, in the order of the map; a null
     * value is a figure the pool does not tell, left out.
     */
    private static void byLabel(Exposition e, List<DataSourceFigures> dataSources, String name, Type type,
            String help, String label, Function<DataSourceFigures, Map<String, ? extends Number>> values) {
        e.family(name, type, help);
        for (DataSourceFigures d : dataSources) {
            for (Map.Entry<String, ? extends Number> v : values.apply(d).entrySet()) {
                if (v.getValue() != null) {
                    e.sample(name, v.getValue().doubleValue(), DS, d.name(), label, v.getKey());
                }
            }
        }
    }

    /** Used before idle; a family that does not tell them has neither (a LinkedHashMap: it keeps the nulls). */
    private static Map<String, Integer> poolConnections(DataSourceFigures d) {
        Map<String, Integer> states = new LinkedHashMap<>();
        states.put("used", d.poolUsed());
        states.put("idle", d.poolIdle());
        return states;
    }
}
