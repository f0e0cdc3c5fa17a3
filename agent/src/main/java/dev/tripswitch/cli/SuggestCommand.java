package dev.tripswitch.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.management.ObjectName;

import dev.tripswitch.runtime.AgentStatus;

/**
 * {@code suggest <pid> [seconds]}: watches which outbound HTTP hosts and databases a running
 * JVM really uses, and prints a rules.yml for them (on standard output, so it can be
 * redirected to a file; progress goes to standard error). A JVM without the agent gets it,
 * with every preset in observe mode (it never rejects and stays loaded afterwards, observing);
 * a JVM that runs the agent with {@code agent.discover: true} is only asked.
 */
final class SuggestCommand {
    static final int DEFAULT_SECONDS = 60;

    private SuggestCommand() {
    }

    static int run(String pid, int seconds, PrintStream out, PrintStream err) throws Exception {
        String running = Jvms.properties(pid).getProperty(AgentStatus.RUNNING_PROPERTY);
        if (running == null) {
            Path rules = Files.createTempFile("tripswitch-discover-", ".yml");
            int attached;
            try {
                Files.writeString(rules, "version: 1\nagent: {discover: true}\nbreakers: []\n");
                attached = AttachCommand.run(pid, rules, err, err);
            } finally {
                Files.deleteIfExists(rules); // read once at attach; nothing of ours stays in the temp directory
            }
            if (attached != 0) {
                return attached;
            }
            err.println("tripswitch: watching " + pid + "'s outbound HTTP and database calls for " + seconds
                    + " s (observe mode: nothing is rejected; the agent stays loaded, observing)...");
            Thread.sleep(seconds * 1000L);
        }
        String suggested = Jvms.withJmx(pid, jmx -> {
            return (String) jmx.getAttribute(new ObjectName("tripswitch:type=Agent"), "SuggestedRules");
        });
        if (suggested == null) {
            err.println("tripswitch: " + pid + " runs the agent with its own rules (" + running + ") and without"
                    + " agent.discover: add 'discover: true' under agent: in that file (a reload applies it), let it"
                    + " watch a while, then ask again");
            return 1;
        }
        out.print(suggested);
        return 0;
    }
}
