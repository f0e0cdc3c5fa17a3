package dev.tripswitch.cli;

import java.io.PrintStream;
import java.util.Set;

import javax.management.ObjectName;

/** {@code reset <pid> <name>}: resets every breaker of that name (all its keys) in a running JVM. */
final class ResetCommand {
    private ResetCommand() {
    }

    static int run(String pid, String breaker, PrintStream out, PrintStream err) throws Exception {
        return Jvms.withJmx(pid, jmx -> {
            Set<ObjectName> names = jmx.queryNames(
                    new ObjectName("tripswitch:type=Breaker,name=" + ObjectName.quote(breaker).replace("\"", "") + ",*"), null);
            if (names.isEmpty()) {
                err.println("tripswitch: no breaker named '" + breaker + "' in " + pid + " ('status " + pid
                        + "' lists them)");
                return 1;
            }
            for (ObjectName name : names) {
                jmx.invoke(name, "reset", null, null);
            }
            out.println("tripswitch: reset " + names.size() + " breaker" + (names.size() == 1 ? "" : "s") + " named "
                    + breaker + " in " + pid);
            return 0;
        });
    }
}
