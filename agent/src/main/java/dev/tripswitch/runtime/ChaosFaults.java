package dev.tripswitch.runtime;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exceptions chaos injects: the type the rule names, created with a message that says
 * it is a drill ({@code chaos: injected by tripswitch into payments}), found through the
 * calling thread's context class loader (the application's); an {@code IOException} when
 * the type cannot be made.
 */
final class ChaosFaults {
    private static final Map<String, Constructor<?>> CONSTRUCTORS = new ConcurrentHashMap<>();

    private ChaosFaults() {
    }

    static Throwable fault(String type, String rule) {
        String message = "chaos: injected by tripswitch into " + rule;
        try {
            Constructor<?> c = CONSTRUCTORS.get(type);
            if (c == null) {
                ClassLoader loader = Thread.currentThread().getContextClassLoader();
                Class<?> k = Class.forName(type, false, loader != null ? loader : ClassLoader.getSystemClassLoader());
                c = k.getConstructor(String.class);
                CONSTRUCTORS.put(type, c);
            }
            return (Throwable) c.newInstance(message);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return new IOException(message);
        }
    }
}
