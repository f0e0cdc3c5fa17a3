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
                return reloadRunning(pid, file, out, err);
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

    /**
     * The JVM runs the agent already: it puts {@code file} in force (JMX {@code reloadFrom} on
     * its Agent MBean, as JConsole would call it; no second agent is loaded).
     */
    private static int reloadRunning(String pid, Path file, PrintStream out, PrintStream err) throws Exception {
        String outcome = Jvms.withJmx(pid, jmx -> {
            javax.management.ObjectName agent = new javax.management.ObjectName("tripswitch:type=Agent");
            return (String) jmx.invoke(agent, "reloadFrom", new Object[] {file.toString()},
                    new String[] {String.class.getName()});
        });
        if (outcome.startsWith("not reloaded")) {
            err.println("tripswitch: " + pid + " runs the agent; " + outcome);
            return 1;
        }
        out.println("tripswitch: " + pid + " runs the agent already; " + outcome);
        return 0;
    }
}
