package dev.tripswitch.weaving;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.Set;

import dev.tripswitch.rules.OffLimits;

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
    /**
     * Finds a loaded class by the name a class file gives it; null when not loaded (or not known).
     * Asked with a null loader, it answers for a JDK type, and may load one the agent never weaves ({@link #jdk}).
     */
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
            // opened whatever isOpen says: Java 11 to 15 call java.lang open to everyone (--illegal-access=permit)
            // and print an "illegal reflective access" warning at the first use unless it was opened by name
            inst.redefineModule(base, Set.of(), Map.of(), Map.of("java.lang", Set.of(own)), Set.of(), Map.of());
            findLoadedClass = MethodHandles.privateLookupIn(ClassLoader.class, MethodHandles.lookup())
                    .findVirtual(ClassLoader.class, "findLoadedClass", MethodType.methodType(Class.class, String.class));
        } catch (Throwable e) {
            findLoadedClass = null; // refused: supertypes are read from the loaders' resources
        }
    }

    /**
     * The class {@code loader} has loaded (or was asked for and delegated) under {@code name}; null if none.
     * With a null loader, {@code name} is a JDK type ({@link #jdk}).
     */
    static Class<?> find(ClassLoader loader, String name) {
        if (loader == null) {
            return jdk(name);
        }
        MethodHandle handle = findLoadedClass;
        if (handle == null) {
            return null;
        }
        try {
            return (Class<?>) handle.invokeExact(loader, name);
        } catch (Throwable e) {
            return null; // a loader that cannot answer: the class file is read instead
        }
    }

    /**
     * A JDK type's {@code Class}, by name, through the platform class loader (which sees the
     * bootstrap loader's too); null when there is none, or none the agent may take.
     *
     * <p>A type the agent never weaves ({@link OffLimits#never}: {@code java.util.concurrent.Future},
     * {@code java.io.InputStream}) is loaded if the JVM has not loaded it yet, without being
     * initialized: a JDK class runs no application code to load, its loaders never wait for the
     * application's, and a JDK supertype not loaded yet is one the JVM loads next anyway (its
     * subtype is being defined). That is a look-up for most, where reading the class file went
     * through the JDK's image reader, whose first use alone cost milliseconds.
     *
     * <p>A JDK client a rule may weave ({@code java.sql.Statement}, {@code java.net.URLConnection})
     * is only looked up: loaded here, during a transformation, the JVM would not show it to this
     * agent's transformer at all (the JDK's agent support runs no transformer for a class that
     * loads while one of its own runs on the same thread), and it would stay unwoven.
     */
    static Class<?> jdk(String name) {
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        if (!OffLimits.never(name)) {
            return find(platform, name); // a class the platform loader defined, or was asked for
        }
        try {
            return Class.forName(name, false, platform);
        } catch (ClassNotFoundException | LinkageError e) {
            return null; // not the JDK's (javax.* of a library), or not loadable here: read instead
        }
    }

    /**
     * Whether {@code c} is a hidden class (Java 15) or, on Java 11, a VM-anonymous one (a
     * lambda's proxy): neither can be retransformed nor found by name, and the JVM names both
     * with a {@code /} that no class loaded by name has ({@code Class.isHidden} needs Java 15).
     */
    static boolean hidden(Class<?> c) {
        return c.getName().indexOf('/') >= 0;
    }
}
