package io.pgjmx.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgjmx.testing.Prerequisite;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MetricsPageTest {

    private static final DataSourceFigures UP = new DataSourceFigures("HikariPool-1", true,
            Map.of("idle in transaction", new int[] {1, 0}, "active", new int[] {2, 3}), 2, 1, 840L, 12L, 5, 0, 7,
            Map.of("ok", 3L), Map.of("ok", 1L, "refused", 2L));
    private static final DataSourceFigures DOWN = new DataSourceFigures("orders \"eu\"\\x", false, Map.of(), null,
            null, -1L, -1L, null, null, null, Map.of(), Map.of());

    @Test
    void prometheusTextHasTheContractNamesTypedAndLeavesUnknownsOut() {
        String page = MetricsPage.render(Exposition.Format.PROMETHEUS, "1.2.3", List.of(UP, DOWN));
        assertThat(page).contains(
                "# TYPE pgjmx_agent_info gauge\npgjmx_agent_info{version=\"1.2.3\"} 1\n",
                "# TYPE pgjmx_up gauge\npgjmx_up{datasource=\"HikariPool-1\"} 1\npgjmx_up{datasource=\"orders \\\"eu\\\"\\\\x\"} 0\n",
                "pgjmx_sessions{datasource=\"HikariPool-1\",state=\"active\",own=\"true\"} 2\n",
                "pgjmx_sessions{datasource=\"HikariPool-1\",state=\"active\",own=\"false\"} 3\n",
                "pgjmx_sessions{datasource=\"HikariPool-1\",state=\"idle in transaction\",own=\"true\"} 1\n",
                "pgjmx_sessions_waiting{datasource=\"HikariPool-1\"} 2\n",
                "pgjmx_sessions_blocking{datasource=\"HikariPool-1\"} 1\n",
                "pgjmx_oldest_transaction_seconds{datasource=\"HikariPool-1\"} 840\n",
                "pgjmx_longest_query_seconds{datasource=\"HikariPool-1\"} 12\n",
                "pgjmx_pool_connections{datasource=\"HikariPool-1\",state=\"used\"} 5\n",
                "pgjmx_pool_connections{datasource=\"HikariPool-1\",state=\"idle\"} 0\n",
                "pgjmx_pool_pending_threads{datasource=\"HikariPool-1\"} 7\n",
                "# TYPE pgjmx_cancels_total counter\npgjmx_cancels_total{datasource=\"HikariPool-1\",result=\"ok\"} 3\n",
                "pgjmx_terminations_total{datasource=\"HikariPool-1\",result=\"refused\"} 2\n");
        // the unreachable DataSource shows only its pgjmx_up: no -1, no empty series
        assertThat(page.lines().filter(l -> l.contains("orders"))).hasSize(1);
        assertThat(page).doesNotContain(" -1").doesNotContain("# EOF");
        assertThat(promtoolCheckMetrics(page)).isZero();
    }

    @Test
    void openMetricsNamesCounterAndInfoFamiliesWithoutSuffixAndEnds() {
        String page = MetricsPage.render(Exposition.negotiate(
                "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5"), "1.2.3", List.of(UP));
        assertThat(page).contains("# TYPE pgjmx_cancels counter\n", "pgjmx_cancels_total{datasource=\"HikariPool-1\",result=\"ok\"} 3\n",
                "# TYPE pgjmx_agent info\npgjmx_agent_info{version=\"1.2.3\"} 1\n").endsWith("# EOF\n");
        assertThat(Exposition.negotiate("text/plain")).isEqualTo(Exposition.Format.PROMETHEUS);
        assertThat(Exposition.negotiate(null)).isEqualTo(Exposition.Format.PROMETHEUS);
    }

    @Test
    void numbersAndLabelEscapes() {
        assertThat(Exposition.number(3)).isEqualTo("3");
        assertThat(Exposition.number(0.25)).isEqualTo("0.25");
        assertThat(Exposition.escapeLabel("a\nb\"c\\")).isEqualTo("a\\nb\\\"c\\\\");
    }

    /** Prometheus' own linter for the text format; required on CI (.ci/run installs it). */
    private static int promtoolCheckMetrics(String page) {
        File promtool = new File("/usr/bin/promtool");
        Prerequisite.require(promtool.canExecute(), "/usr/bin/promtool (apt-get install prometheus)");
        try {
            Process p = new ProcessBuilder(promtool.getPath(), "check", "metrics").redirectErrorStream(true).start();
            p.getOutputStream().write(page.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(out).as("promtool check metrics").isEmpty();
            return p.exitValue();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
