package dev.tripswitch.agent;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.ProtectionDomain;

/**
 * Defines the bootstrap tier's classes in the bootstrap class loader. Loaded on its own, by
 * a class loader that holds nothing else, whose module alone is given access to
 * {@code jdk.internal.misc} ({@link BootTier}): the application's code never gains it.
 * Names only {@code java.base}.
 *
 * <p>Every class goes through {@code Unsafe.defineClass}, which defines without linking:
 * a class of the tier may name one listed after it (an anonymous class, a nested type),
 * and linking it first would verify it, and fail, when the JVM verifies the bootstrap
 * loader's classes too ({@code -XX:+BytecodeVerificationLocal}). The calls go through a
 * method handle, not reflection: some forty reflective calls would make the JDK 17
 * generate an accessor class, which costs more at start than defining the tier itself.
 */
public final class BootDefiner {
    private BootDefiner() {
    }

    /** Defines {@code classes[i]} as {@code names[i]} in the bootstrap class loader, in this order. */
    public static void defineAll(String[] names, byte[][] classes) throws Throwable {
        Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
        MethodHandle define = MethodHandles.lookup().findVirtual(unsafeType, "defineClass", MethodType.methodType(
                Class.class, String.class, byte[].class, int.class, int.class, ClassLoader.class, ProtectionDomain.class))
                .bindTo(unsafe);
        for (int i = 0; i < names.length; i++) {
            // the cast and the argument types make the call site's type the method's, as invokeExact needs
            Class<?> unused = (Class<?>) define.invokeExact(names[i], classes[i], 0, classes[i].length,
                    (ClassLoader) null, (ProtectionDomain) null);
        }
    }
}
