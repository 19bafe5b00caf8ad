package io.pgjmx.console;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code jvms}: the local JVMs this user can attach to, and whether pgjmx runs in each. */
@Command(name = "jvms", mixinStandardHelpOptions = true,
        description = {"List the local JVMs this user can attach to: pid, main class, and whether pgjmx is loaded "
                + "and on which URL.",
            "All of it is read over the attach channel (the agent publishes its state and URL as system "
                + "properties): no JVM gets a JMX connector started just to be listed."})
final class JvmsCommand implements Callable<Integer> {

    /** A JVM that does not answer the attach handshake must not hold up the list. */
    private static final long PROBE_SECONDS = 10;

    @Mixin
    Verbosity verbosity;

    @Override
    public Integer call() throws Exception {
        String self = String.valueOf(ProcessHandle.current().pid());
        List<VirtualMachineDescriptor> jvms = new ArrayList<>(VirtualMachine.list());
        jvms.removeIf(vm -> vm.id().equals(self));
        jvms.sort(Comparator.comparingLong(vm -> parsePid(vm.id())));
        ExecutorService probes = Executors.newFixedThreadPool(Math.max(1, Math.min(8, jvms.size())), r -> {
            Thread t = new Thread(r, "probe");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<PgjmxPresence>> found = new ArrayList<>();
            for (VirtualMachineDescriptor vm : jvms) {
                found.add(probes.submit(() -> PgjmxPresence.probe(vm.id())));
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"PID", "MAIN", "PGJMX"});
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROBE_SECONDS);
            for (int i = 0; i < jvms.size(); i++) {
                rows.add(new String[] {jvms.get(i).id(), mainOf(jvms.get(i)), describe(found.get(i), deadline)});
            }
            int pidWidth = rows.stream().mapToInt(r -> r[0].length()).max().orElse(3);
            int mainWidth = Math.min(60, rows.stream().mapToInt(r -> r[1].length()).max().orElse(4));
            for (String[] row : rows) {
                System.out.printf("%-" + pidWidth + "s  %-" + mainWidth + "s  %s%n", row[0], row[1], row[2]);
            }
            return ExitCodes.OK;
        } finally {
            probes.shutdownNow();
        }
    }

    private static String describe(Future<PgjmxPresence> probe, long deadline) throws InterruptedException {
        try {
            return probe.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS).toString();
        } catch (TimeoutException e) {
            return "unknown (no answer to the attach handshake)";
        } catch (java.util.concurrent.ExecutionException e) {
            return "unknown (" + e.getCause().getMessage() + ")";
        }
    }

    private static long parsePid(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static String mainOf(VirtualMachineDescriptor vm) {
        String name = vm.displayName();
        return name == null || name.isBlank() ? "(unknown)" : name.split(" ")[0];
    }
}
