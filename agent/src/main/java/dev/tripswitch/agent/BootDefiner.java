package dev.tripswitch.agent;

import java.security.ProtectionDomain;

/**
 * Defines the bootstrap tier's classes in the bootstrap class loader. Loaded on its own, by
 * a class loader that holds nothing else, whose module alone is given access to
 * {@code jdk.internal.misc} ({@link BootTier}): the application's code never gains it.
 * Names only {@code java.base}.
 */
public final class BootDefiner {
    private BootDefiner() {
    }

    /** Defines {@code bytes} as {@code name} in the bootstrap class loader. */
    public static Class<?> define(String name, byte[] bytes) throws ReflectiveOperationException {
        Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
        return (Class<?>) unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, ProtectionDomain.class).invoke(unsafe, name, bytes, 0, bytes.length, null, null);
    }
}
