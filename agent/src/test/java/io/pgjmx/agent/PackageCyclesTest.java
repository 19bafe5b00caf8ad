package io.pgjmx.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The agent's packages form no cycle, as the JDK's jdeps sees the compiled classes: a change that makes two
 * packages need each other fails here, naming the cycle. The contract package uses the JDK only, for the
 * console takes it into its own jar.
 */
class PackageCyclesTest {

    private static final Pattern EDGE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+.*$");

    @Test
    void noPackageCycleAmongTheAgentsPackages() throws Exception {
        Map<String, Set<String>> graph = packageGraph();
        assertThat(graph).containsKeys("io.pgjmx.agent", "io.pgjmx.agent.discovery", "io.pgjmx.api");
        assertThat(cycles(graph)).as("package cycles (each a strongly connected group)").isEmpty();
    }

    @Test
    void theContractPackageUsesTheJdkOnly() throws Exception {
        Set<String> used = new TreeSet<>(packageGraph().getOrDefault("io.pgjmx.api", Set.of()));
        used.removeIf(p -> p.startsWith("java."));
        assertThat(used).isEmpty();
    }

    /** Package to the packages it uses, for every package under io.pgjmx in the main classes. */
    private static Map<String, Set<String>> packageGraph() throws Exception {
        Path classes = Path.of(PgjmxAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(
                () -> new AssertionError("this JDK has no jdeps (module jdk.jdeps); run the tests on a full JDK"));
        StringWriter out = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:package", classes.toString());
        assertThat(status).as("jdeps: %s", out).isZero();
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String line : out.toString().split("\\R")) {
            Matcher m = EDGE.matcher(line);
            if (m.matches() && m.group(1).startsWith("io.pgjmx.")) {
                graph.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
            }
        }
        return graph;
    }

    /** Tarjan's strongly connected components of more than one package (a package using itself is no cycle). */
    private static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        Tarjan t = new Tarjan(graph);
        for (String p : graph.keySet()) {
            if (!t.index.containsKey(p)) {
                t.visit(p);
            }
        }
        return t.groups;
    }

    private static final class Tarjan {
        final Map<String, Set<String>> graph;
        final Map<String, Integer> index = new TreeMap<>();
        final Map<String, Integer> low = new TreeMap<>();
        final List<String> stack = new ArrayList<>();
        final List<Set<String>> groups = new ArrayList<>();

        Tarjan(Map<String, Set<String>> graph) {
            this.graph = graph;
        }

        void visit(String p) {
            index.put(p, index.size());
            low.put(p, index.get(p));
            stack.add(p);
            for (String q : graph.getOrDefault(p, Set.of())) {
                if (q.equals(p) || !graph.containsKey(q)) {
                    continue;
                }
                if (!index.containsKey(q)) {
                    visit(q);
                    low.put(p, Math.min(low.get(p), low.get(q)));
                } else if (stack.contains(q)) {
                    low.put(p, Math.min(low.get(p), index.get(q)));
                }
            }
            if (low.get(p).equals(index.get(p))) {
                Set<String> group = new TreeSet<>();
                String q;
                do {
                    q = stack.remove(stack.size() - 1);
                    group.add(q);
                } while (!q.equals(p));
                if (group.size() > 1) {
                    groups.add(group);
                }
            }
        }
    }
}
