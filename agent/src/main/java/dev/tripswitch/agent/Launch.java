package dev.tripswitch.agent;

import java.lang.instrument.Instrumentation;

/**
 * What {@link Premain} hands to {@code AgentStarter}, across the two class loaders, as one
 * argument. The call is reflective (the starter belongs to the agent's own loader), and
 * since Java 18 reflection calls through method handles: for a method of more than three
 * parameters, or of a primitive one, the JDK spins lambda forms on the first call, which
 * was 22 ms of the application's main thread at every start on Java 25 (async-profiler).
 * One reference parameter takes forms the JDK already has. Loaded by the system class
 * loader ({@link AgentClassLoader#PREMAIN_SIDE}), so both sides see the same class.
 *
 * @param args      the agent's argument ({@code rules.yml[,strict]}), or null
 * @param inst      the JVM's instrumentation
 * @param attached  whether the agent was attached to a running JVM rather than started with it
 * @param bootAsJar why the bridge went on the bootstrap search path as a jar ({@link BootTier}), or
 *                  null when it was defined there
 */
public final class Launch {
    private final String args;
    private final Instrumentation inst;
    private final boolean attached;
    private final String bootAsJar;

    public Launch(String args, Instrumentation inst, boolean attached, String bootAsJar) {
        this.args = args;
        this.inst = inst;
        this.attached = attached;
        this.bootAsJar = bootAsJar;
    }

    public String args() {
        return args;
    }

    public Instrumentation inst() {
        return inst;
    }

    public boolean attached() {
        return attached;
    }

    public String bootAsJar() {
        return bootAsJar;
    }
}
