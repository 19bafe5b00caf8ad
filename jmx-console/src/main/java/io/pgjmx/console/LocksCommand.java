package io.pgjmx.console;

import io.pgjmx.api.ControlChars;
import io.pgjmx.console.client.PgjmxClient;
import io.pgjmx.console.render.PlainJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code locks TARGET}: the lock tree, and the command that ends each root. */
@Command(name = "locks", mixinStandardHelpOptions = true,
        description = {"Show who waits on whom: each session that blocks others and waits on nobody (a root), with "
                + "every session waiting on it below it, its state, age and the thread that holds it.",
            "Ending a root's transaction frees everything under it; the command to terminate each root is printed."})
final class LocksCommand extends DataSourceCommand {

    @Option(names = "--json", description = "Print the agent's lockRoots as JSON instead of the tree.")
    boolean json;

    @Override
    Integer run(PgjmxClient client, String dataSource) {
        if (json) {
            System.out.print(PlainJson.render(client.lockRoots(dataSource)));
            return ExitCodes.OK;
        }
        String tree = client.lockTree(dataSource);
        List<Integer> roots = rootPids(client.lockRoots(dataSource));
        if (roots.isEmpty()) {
            System.out.println("No session blocks another (" + TargetOptions.where(dataSource, client) + ").");
            return ExitCodes.OK;
        }
        System.out.print(ControlChars.visibleKeepingLines(tree.endsWith("\n") ? tree : tree + "\n"));
        System.out.println();
        System.out.println("To end " + (roots.size() == 1 ? "the root's transaction" : "each root's transaction")
                + " (everything under it is freed; explain PID shows the code holding it first):");
        for (int pid : roots) {
            System.out.println("  " + fix(dataSource, pid));
        }
        return ExitCodes.OK;
    }

    /** The console command that terminates one root, with the same target and DataSource as this one. */
    private String fix(String dataSource, int pid) {
        return "java -jar pgjmx-console.jar terminate " + target.target
                + (target.dataSource == null ? "" : " --datasource " + quoted(dataSource)) + " --pid " + pid;
    }

    private static String quoted(String word) {
        return word.matches("[A-Za-z0-9._:/@=-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    private static List<Integer> rootPids(Object roots) {
        List<Integer> pids = new ArrayList<>();
        if (roots instanceof List<?> list) {
            for (Object root : list) {
                if (root instanceof Map<?, ?> m && m.get("pid") instanceof Number n) {
                    pids.add(n.intValue());
                }
            }
        }
        return pids;
    }
}
