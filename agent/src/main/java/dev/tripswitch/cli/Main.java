package dev.tripswitch.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code java -jar tripswitch-agent.jar <verb> ...} (docs/cli.md). Each verb is a small
 * class; this only dispatches and prints usage.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            return dispatch(args, out, err);
        } catch (Exception e) {
            err.println("tripswitch: " + e.getMessage());
            return 1;
        }
    }

    private static int dispatch(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            usage(args.length == 0 ? err : out);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "check":
                if (rest.length == 3 && (rest[1].equals("--classpath") || rest[1].equals("-cp"))) {
                    return CheckCommand.run(Path.of(rest[0]), CheckCommand.classPath(rest[2]), out, err);
                }
                if (rest.length != 1) {
                    err.println("usage: java -jar tripswitch-agent.jar check rules.yml [--classpath <the application's class path>]");
                    return 2;
                }
                return CheckCommand.run(Path.of(rest[0]), out, err);
            case "list":
                return ListCommand.run(out);
            case "attach":
                if (rest.length < 1 || rest.length > 2) {
                    err.println("usage: java -jar tripswitch-agent.jar attach <pid> [rules.yml]");
                    return 2;
                }
                return AttachCommand.run(rest[0], rest.length == 2 ? Path.of(rest[1]) : null, out, err);
            case "status":
                if (rest.length != 1) {
                    err.println("usage: java -jar tripswitch-agent.jar status <pid>");
                    return 2;
                }
                return StatusCommand.run(rest[0], out, err);
            case "reset":
                if (rest.length != 2) {
                    err.println("usage: java -jar tripswitch-agent.jar reset <pid> <breaker name>");
                    return 2;
                }
                return ResetCommand.run(rest[0], rest[1], out, err);
            case "suggest":
                if (rest.length < 1 || rest.length > 2 || rest.length == 2 && !rest[1].matches("\\d{1,5}")) {
                    err.println("usage: java -jar tripswitch-agent.jar suggest <pid> [seconds, default "
                            + SuggestCommand.DEFAULT_SECONDS + "]");
                    return 2;
                }
                return SuggestCommand.run(rest[0], rest.length == 2 ? Integer.parseInt(rest[1])
                        : SuggestCommand.DEFAULT_SECONDS, out, err);
            default:
                err.println("tripswitch: unknown command '" + args[0] + "'");
                usage(err);
                return 2;
        }
    }

    private static void usage(PrintStream out) {
        out.println("usage: java -jar tripswitch-agent.jar <command>");
        out.println();
        out.println("  check rules.yml            validate a rules file; exit 1 with every problem found");
        out.println("    [--classpath CP]         and list what each rule would weave in those jars and directories");
        out.println("  list                       the JVMs on this host");
        out.println("  attach <pid> [rules.yml]   load the agent into a running JVM (default ./rules.yml)");
        out.println("  status <pid>               a table of its breakers, read over JMX");
        out.println("  reset <pid> <name>         reset the breakers of that name (every key)");
        out.println("  suggest <pid> [seconds]    watch its outbound HTTP and database calls (observe mode), then print");
        out.println("                             a rules.yml for them, thresholds from what was measured");
        out.println();
        out.println("As an agent: java -javaagent:tripswitch-agent.jar=rules.yml[,strict] -jar app.jar");
    }
}
