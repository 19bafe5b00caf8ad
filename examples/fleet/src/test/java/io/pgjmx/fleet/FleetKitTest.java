package io.pgjmx.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jolokia.json.parser.JSONParser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The fleet kit is only useful if Prometheus accepts it and if it asks for the metrics the agent serves:
 * promtool checks the rules and the scrape config and runs the rules' own unit tests, and every
 * {@code pgjmx_*} name in the rules and the dashboard must be one of the contract's (../shared/DESIGN.md).
 */
class FleetKitTest {

    /** The contract's metric names (DESIGN.md, "HTTP", /metrics). */
    static final Set<String> CONTRACT = Set.of("pgjmx_up", "pgjmx_sessions", "pgjmx_sessions_waiting",
            "pgjmx_sessions_blocking", "pgjmx_oldest_transaction_seconds", "pgjmx_longest_query_seconds",
            "pgjmx_pool_connections", "pgjmx_pool_pending_threads", "pgjmx_cancels_total",
            "pgjmx_terminations_total", "pgjmx_agent_info");
    private static final Pattern METRIC = Pattern.compile("\\bpgjmx_[a-z_]+");
    private static final Path DIR = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();

    @Test
    void alertRulesPassPromtoolCheckAndTheirUnitTests() throws Exception {
        assertThat(promtool("check", "rules", "alert-rules.yml")).contains("SUCCESS: 4 rules found");
        assertThat(promtool("test", "rules", "alert-rules.test.yml")).contains("SUCCESS");
    }

    @Test
    void scrapeExampleIsAValidPrometheusConfig() throws Exception {
        assertThat(promtool("check", "config", "prometheus.yml")).contains("is valid prometheus config file syntax");
    }

    @Test
    void alertRulesUseOnlyContractMetrics() throws IOException {
        Set<String> used = metrics(Files.readString(DIR.resolve("alert-rules.yml")));
        assertThat(CONTRACT).containsAll(used);
        assertThat(used).contains("pgjmx_up", "pgjmx_sessions_waiting", "pgjmx_pool_pending_threads",
                "pgjmx_oldest_transaction_seconds");
    }

    @Test
    @SuppressWarnings("unchecked")
    void dashboardParsesAndQueriesOnlyContractMetrics() throws Exception {
        Map<String, Object> dashboard = (Map<String, Object>) new JSONParser()
                .parse(Files.readString(DIR.resolve("grafana-dashboard.json")));
        assertThat(dashboard).containsKeys("title", "uid", "panels", "templating", "schemaVersion");
        List<String> exprs = new ArrayList<>();
        for (Object panel : (List<Object>) dashboard.get("panels")) {
            Map<String, Object> p = (Map<String, Object>) panel;
            assertThat(p).containsKeys("id", "type", "title", "gridPos", "targets");
            for (Object target : (List<Object>) p.get("targets")) {
                exprs.add((String) ((Map<String, Object>) target).get("expr"));
            }
        }
        Set<String> used = metrics(String.join("\n", exprs));
        assertThat(CONTRACT).containsAll(used);
        Set<String> unused = new TreeSet<>(CONTRACT);
        unused.removeAll(used);
        // pgjmx_agent_info feeds the instance picker (templating), not a panel
        assertThat(unused).containsExactly("pgjmx_agent_info");
        assertThat(Files.readString(DIR.resolve("grafana-dashboard.json"))).contains("label_values(pgjmx_agent_info, instance)");
    }

    private static Set<String> metrics(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(text);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    private static String promtool(String... args) throws Exception {
        String promtool = List.of("/usr/bin/promtool", "/usr/local/bin/promtool").stream()
                .filter(p -> new File(p).canExecute()).findFirst().orElse(null);
        if (promtool == null) {
            String why = "promtool is missing: install Debian's prometheus package (apt-get install prometheus); "
                    + ".ci/run does so on CI";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        List<String> command = new ArrayList<>(List.of(promtool));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("promtool " + String.join(" ", args) + " did not finish within 60 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("promtool %s:%n%s", String.join(" ", args), out).isZero();
        return out;
    }
}
