package dev.tripswitch.cli;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.VirtualMachine;
import dev.tripswitch.runtime.AgentStatus;

/**
 * {@code attach <pid> [rules.yml]}: loads the agent into a running JVM, which then weaves
 * its classes (retransforming the ones already loaded). Its messages go to that JVM's log.
 */
final class AttachCommand {
    private AttachCommand() {
    }

    static int run(String pid, Path rules, PrintStream out, PrintStream err) throws Exception {
        Path file = (rules != null ? rules : Path.of("rules.yml")).toAbsolutePath();
        if (!Files.isReadable(file)) {
            err.println("tripswitch: " + file + " cannot be read; name the rules file: attach <pid> rules.yml");
            return 1;
        }
        int check = CheckCommand.run(file, new PrintStream(PrintStream.nullOutputStream()), err);
        if (check != 0) {
            return check;
        }
        File jar = new File(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        VirtualMachine vm = Jvms.attach(pid);
        try {
            String running = vm.getSystemProperties().getProperty(AgentStatus.RUNNING_PROPERTY);
            if (running != null) {
                err.println("tripswitch: " + pid + " already runs the agent (rules " + running + "); nothing was"
                        + " attached. To apply edited rules, call reload() on tripswitch:type=Agent in JConsole, or"
                        + " set agent.reload: true in the rules file");
                return 1;
            }
            vm.loadAgent(jar.getAbsolutePath(), file.toString());
        } catch (AgentLoadException e) {
            err.println("tripswitch: the JVM " + pid + " refused the agent: " + e.getMessage()
                    + " (Java 21 and newer need -XX:+EnableDynamicAgentLoading to allow it without a warning)");
            return 1;
        } finally {
            vm.detach();
        }
        out.println("tripswitch: attached to " + pid + " with " + file
                + "; 'java -jar " + jar.getName() + " status " + pid + "' shows its breakers");
        return 0;
    }
}
