package dev.tripswitch.agent;

import java.util.List;

/**
 * The classes woven code calls, which go on the bootstrap class path: the bridge, the
 * engine and {@code CircuitOpenException}. They may name only JDK classes and each other
 * (BootstrapTierTest checks every class file of the tier against this list), because
 * advice runs inside JDK classes that see nothing else.
 */
public final class BootstrapTier {
    /** Class file paths in the agent jar, as prefixes. */
    public static final List<String> PATHS = List.of("dev/tripswitch/bridge/", "dev/tripswitch/engine/",
            "dev/tripswitch/CircuitOpenException.class");

    private BootstrapTier() {
    }

    /** Whether a class file path of the agent jar belongs to the tier. */
    public static boolean contains(String path) {
        for (String prefix : PATHS) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
