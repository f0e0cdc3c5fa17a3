package dev.tripswitch.agent;

import java.io.File;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.security.ProtectionDomain;

/**
 * What {@link Premain} hands over to on a JVM the agent supports: it only puts the bridge
 * (what woven code calls) into the bootstrap class loader ({@link BootTier}) and starts the
 * agent from its own loader: no static state, no logging, no JMX, and no reference to a bridge
 * class before the bridge is in place.
 */
final class AgentEntry {
    private static final String STARTER = "dev.tripswitch.agent.AgentStarter";

    private AgentEntry() {
    }

    static void start(String args, Instrumentation inst, boolean attached) {
        try {
            ProtectionDomain domain = AgentEntry.class.getProtectionDomain();
            File agentJar = new File(domain.getCodeSource().getLocation().toURI());
            BootTier.install(inst, agentJar);
            Class.forName(STARTER, true, agentLoader(agentJar, domain))
                    .getMethod("start", Launch.class)
                    .invoke(null, new Launch(args, inst, attached, BootTier.asJar()));
        } catch (InvocationTargetException e) {
            failed(args, e.getCause());
        } catch (Throwable e) {
            failed(args, e);
        }
    }

    /**
     * The loader of the agent's classes: the pack in the agent jar ({@link AgentClassLoader}),
     * or, without one (the classes directory of a build), the loader of this class.
     */
    private static ClassLoader agentLoader(File agentJar, ProtectionDomain domain) throws IOException {
        ClassLoader own = AgentEntry.class.getClassLoader();
        ClassLoader pack = agentJar.isFile() ? AgentClassLoader.open(agentJar, own, domain) : null;
        return pack != null ? pack : own;
    }

    /** Whatever went wrong is one line; {@code strict} means strict here too: the JVM exits with status 1. */
    private static void failed(String args, Throwable e) {
        boolean strict = Premain.isStrict(args);
        System.err.println("tripswitch: the agent could not start (" + e + "); " + (strict
                ? "strict mode: exiting with status 1" : "the application runs without breakers"));
        if (strict) {
            System.exit(1);
        }
    }
}
