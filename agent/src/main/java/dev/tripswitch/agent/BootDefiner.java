package dev.tripswitch.agent;

import jdk.internal.misc.Unsafe;

/**
 * Defines the bootstrap tier's classes in the bootstrap class loader. Loaded on its own, by
 * a class loader that holds nothing else, whose module alone is given access to
 * {@code jdk.internal.misc} ({@link BootTier}): the application's code never gains it.
 * Names only {@code java.base}.
 *
 * <p>Every class goes through {@code Unsafe.defineClass}, which defines without linking:
 * a class of the tier may name one listed after it (an anonymous class, a nested type),
 * and linking it first would verify it, and fail, when the JVM verifies the bootstrap
 * loader's classes too ({@code -XX:+BytecodeVerificationLocal}). The calls are plain calls,
 * compiled against the exported package (agent/pom.xml compiles this class alone with
 * {@code --add-exports}): reflection would make the JDK 17 generate an accessor class after
 * fifteen calls, and a method handle spins its lambda forms; either costs more at start than
 * defining the tier itself.
 */
public final class BootDefiner {
    private BootDefiner() {
    }

    /** Defines {@code classes[i]} as {@code names[i]} in the bootstrap class loader, in this order. */
    public static void defineAll(String[] names, byte[][] classes) {
        Unsafe unsafe = Unsafe.getUnsafe();
        for (int i = 0; i < names.length; i++) {
            unsafe.defineClass(names[i], classes[i], 0, classes[i].length, null, null);
        }
    }
}
