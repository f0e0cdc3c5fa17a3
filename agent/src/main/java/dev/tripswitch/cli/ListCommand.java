package dev.tripswitch.cli;

import java.io.PrintStream;

import com.sun.tools.attach.VirtualMachineDescriptor;

/** {@code list}: the JVMs on this host that this user can attach to, with what they run. */
final class ListCommand {
    private ListCommand() {
    }

    static int run(PrintStream out) {
        long self = ProcessHandle.current().pid();
        out.printf("%-8s %s%n", "PID", "MAIN CLASS / JAR");
        for (VirtualMachineDescriptor vm : Jvms.list()) {
            if (vm.id().equals(String.valueOf(self))) {
                continue;
            }
            out.printf("%-8s %s%n", vm.id(), vm.displayName().isBlank() ? "?" : vm.displayName());
        }
        return 0;
    }
}
