package io.pgjmx.console;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.util.Comparator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code jvms}: the local JVMs this user can attach to. */
@Command(name = "jvms", description = "List local JVMs (pid and main class) that this user can attach to.")
final class JvmsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        long self = ProcessHandle.current().pid();
        System.out.printf("%-8s %s%n", "PID", "MAIN");
        VirtualMachine.list().stream()
                .filter(vm -> !vm.id().equals(String.valueOf(self)))
                .sorted(Comparator.comparingLong(vm -> Long.parseLong(vm.id())))
                .forEach(vm -> System.out.printf("%-8s %s%n", vm.id(), mainOf(vm)));
        return 0;
    }

    private static String mainOf(VirtualMachineDescriptor vm) {
        String name = vm.displayName();
        return name == null || name.isBlank() ? "(unknown)" : name.split(" ")[0];
    }
}
