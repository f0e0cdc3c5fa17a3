package dev.tripswitch.agent;

import java.lang.instrument.Instrumentation;

/**
 * The agent's entry point, loaded by the system class loader: it checks the JVM's version and
 * hands over to {@link AgentEntry}.
 *
 * <p>This one class is compiled for Java 8 (agent/pom.xml), so that a JVM older than the agent
 * needs loads it and hears one clear line instead of aborting at start with
 * {@code UnsupportedClassVersionError}; the application then runs without breakers.
 */
public final class Premain {
    /** The oldest Java the rest of the agent is compiled for. */
    static final int OLDEST_JAVA = 11;

    private Premain() {
    }

    /** {@code -javaagent:tripswitch-agent.jar[=rules.yml[,strict]]}. */
    public static void premain(String args, Instrumentation inst) {
        if (!tooOld(args)) {
            AgentEntry.start(args, inst, false);
        }
    }

    /** Dynamic attach ({@code java -jar tripswitch-agent.jar attach <pid>}). */
    public static void agentmain(String args, Instrumentation inst) {
        if (!tooOld(args)) {
            AgentEntry.start(args, inst, true);
        }
    }

    /** Whether this JVM is older than the agent: then it says so in one line (strict: and exits). */
    private static boolean tooOld(String args) {
        boolean strict = isStrict(args);
        String refusal = refusal(System.getProperty("java.specification.version"), System.getProperty("java.vm.name")
                + " " + System.getProperty("java.version"), strict);
        if (refusal == null) {
            return false;
        }
        System.err.println(refusal);
        if (strict) {
            System.exit(1);
        }
        return true;
    }

    /**
     * The line a JVM of that {@code java.specification.version} is told when it is older than
     * the agent (Java 8: no JDK 8 can be installed where the agent is tested, so this is tested
     * as a unit), or null when the agent runs there.
     */
    static String refusal(String specification, String vm, boolean strict) {
        int java = feature(specification);
        if (java >= OLDEST_JAVA) {
            return null;
        }
        return "tripswitch: this agent needs Java " + OLDEST_JAVA + " or later, and this JVM is Java " + java + " ("
                + vm + "); " + (strict ? "strict mode: exiting with status 1" : "the application runs without breakers");
    }

    /** The feature release of a {@code java.specification.version}: {@code 1.8} is 8, {@code 11} is 11. */
    static int feature(String specification) {
        if (specification == null) {
            return 0;
        }
        String v = specification.startsWith("1.") ? specification.substring(2) : specification;
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(v.substring(0, end));
    }

    /** Whether the arguments ask for {@code strict}; never throws, so a failed start can still honour it. */
    public static boolean isStrict(String args) {
        if (args != null) {
            for (String part : args.split(",")) {
                if (part.trim().equals("strict")) {
                    return true;
                }
            }
        }
        return false;
    }

}
