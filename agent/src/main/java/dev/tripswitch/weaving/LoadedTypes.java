package dev.tripswitch.weaving;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.Set;

/**
 * The classes a class loader has loaded already, by name ({@code ClassLoader.findLoadedClass}):
 * {@link Hierarchy} walks such a supertype from its {@code Class} object instead of reading its
 * class file again through the loader's resources, which costs a fraction of a millisecond a
 * class, more through a Spring Boot fat jar's loader; most supertypes a subtype names were
 * loaded before it (a JDBC statement's interfaces, a client's base classes).
 *
 * <p>{@code findLoadedClass} is protected, so {@link #open} opens {@code java.lang} to the
 * agent's own module (its class loader holds the agent's classes only, never the application's)
 * with {@link Instrumentation#redefineModule}, as the JVM allows an agent to. Until then, or when
 * the JVM refuses, every answer is null and supertypes are read as before: nothing depends on it
 * but speed.
 */
final class LoadedTypes {
    /** Finds a loaded class by the name a class file gives it; null when not loaded (or not known). */
    @FunctionalInterface
    interface Finder {
        Class<?> find(ClassLoader loader, String name);
    }

    /** What the JVM's loaders answer once {@link #open} succeeded; nothing before. */
    static final Finder JVM = new Finder() { // a class, not a lambda: no call site to link while the JVM starts
        @Override
        public Class<?> find(ClassLoader loader, String name) {
            return LoadedTypes.find(loader, name);
        }
    };

    private static volatile MethodHandle findLoadedClass;

    private LoadedTypes() {
    }

    /** Makes {@link #find} answer; called once, when the first rules are put in force. */
    static void open(Instrumentation inst) {
        if (findLoadedClass != null) {
            return;
        }
        try {
            Module base = ClassLoader.class.getModule();
            Module own = LoadedTypes.class.getModule();
            if (!base.isOpen("java.lang", own)) {
                inst.redefineModule(base, Set.of(), Map.of(), Map.of("java.lang", Set.of(own)), Set.of(), Map.of());
            }
            findLoadedClass = MethodHandles.privateLookupIn(ClassLoader.class, MethodHandles.lookup())
                    .findVirtual(ClassLoader.class, "findLoadedClass", MethodType.methodType(Class.class, String.class));
        } catch (Throwable e) {
            findLoadedClass = null; // refused: supertypes are read from the loaders' resources
        }
    }

    /** The class {@code loader} has loaded (or was asked for and delegated) under {@code name}; null if none. */
    static Class<?> find(ClassLoader loader, String name) {
        MethodHandle handle = findLoadedClass;
        if (handle == null || loader == null) {
            return null;
        }
        try {
            return (Class<?>) handle.invokeExact(loader, name);
        } catch (Throwable e) {
            return null; // a loader that cannot answer: the class file is read instead
        }
    }
}
