package dev.tripswitch.agent;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.Map;

/**
 * Defines the bootstrap tier's classes in the bootstrap class loader. Loaded on its own, by
 * a class loader that holds nothing else, whose module alone is given access to
 * {@code jdk.internal.misc} ({@link BootTier}): the application's code never gains it.
 * Names only {@code java.base}.
 *
 * <p>Only the first class of each package goes through {@code Unsafe.defineClass} (a
 * reflective call); the others are defined through a {@link MethodHandles.Lookup} on that
 * first class, a plain call. Some forty reflective calls would make the JDK 17 generate
 * accessor classes for them, which costs more at start than defining the tier itself.
 */
public final class BootDefiner {
    private BootDefiner() {
    }

    /** Defines {@code classes[i]} as {@code names[i]} in the bootstrap class loader, in this order. */
    public static void defineAll(String[] names, byte[][] classes) throws ReflectiveOperationException {
        Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
        Method define = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, ProtectionDomain.class);
        Map<String, MethodHandles.Lookup> inPackage = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            String pkg = name.substring(0, Math.max(0, name.lastIndexOf('.')));
            MethodHandles.Lookup lookup = inPackage.get(pkg);
            if (lookup == null) {
                Class<?> first = (Class<?>) define.invoke(unsafe, name, classes[i], 0, classes[i].length, null, null);
                inPackage.put(pkg, MethodHandles.privateLookupIn(first, MethodHandles.lookup()));
            } else {
                lookup.defineClass(classes[i]);
            }
        }
    }
}
