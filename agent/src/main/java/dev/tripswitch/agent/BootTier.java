package dev.tripswitch.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Puts the bootstrap tier ({@link BootstrapTier}: what woven code calls) into the bootstrap
 * class loader, so that advice inside JDK classes and inside classes of any loader resolves
 * it and all see the same breakers.
 *
 * <p>The classes are defined there directly, supertypes first, without appending a jar to
 * the bootstrap search path: an appended path turns class-data sharing off for every class
 * outside the boot loader (an application's AppCDS archive stops working) and makes the JVM
 * print a warning at every start. Defining needs {@code jdk.internal.misc}, which
 * {@link Instrumentation#redefineModule} opens to the module of {@link BootDefiner} alone,
 * loaded by a class loader of its own. Should that ever fail (a JDK without that method),
 * or should an operator ask for it ({@code -Dtripswitch.bootstrap=jar}, the way out if
 * defining ever breaks on some JDK), the tier goes on the bootstrap search path as a jar
 * ({@link BootstrapJar}), and the agent says so once it has its log: the JVM's own warning
 * about class-data sharing then follows, and users deserve to know why.
 */
final class BootTier {
    /** By name: a class literal would load a copy of it into the agent's own loader too. */
    private static final String DEFINER = "dev.tripswitch.agent.BootDefiner";
    /** Why the tier went on the bootstrap search path as a jar; null when it was defined (or shared). */
    private static volatile String asJar;

    private BootTier() {
    }

    /** @param agentJar the agent's jar, where the tier's class files are read from */
    static void install(Instrumentation inst, File agentJar) throws Exception {
        if (alreadyOnBootstrap()) {
            return; // a second copy of the agent: share the first one's bridge
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        byte[] definer;
        try (JarFile jar = new JarFile(agentJar, false)) { // the class loader's open file is shared, not read again
            for (String name : BootstrapTier.CLASSES) {
                classes.put(name, classFile(jar, name));
            }
            definer = classFile(jar, DEFINER);
        }
        String why = "jar".equals(System.getProperty("tripswitch.bootstrap")) ? "-Dtripswitch.bootstrap=jar"
                : defineOrSayWhyNot(inst, definer, classes);
        if (why != null) {
            BootstrapJar.install(inst, classes);
            asJar = why;
        }
    }

    /** Defines the tier in the bootstrap loader; null when done, else why it must go there as a jar. */
    private static String defineOrSayWhyNot(Instrumentation inst, byte[] definer, Map<String, byte[]> classes)
            throws Exception {
        try {
            define(inst, definer, classes);
            return null;
        } catch (Exception | LinkageError e) {
            if (alreadyOnBootstrap()) {
                throw e; // partly defined: appending the jar now would give two copies
            }
            return "defining its classes failed: " + e;
        }
    }

    /** Why the bridge went on the bootstrap search path as a jar in this JVM, or null when it did not. */
    static String asJar() {
        return asJar;
    }

    static boolean alreadyOnBootstrap() {
        try {
            Class.forName("dev.tripswitch.bridge.Dispatcher", false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static byte[] classFile(JarFile jar, String name) throws IOException {
        JarEntry entry = jar.getJarEntry(name.replace('.', '/') + ".class");
        if (entry == null) {
            throw new IOException(name + " is not in " + jar.getName());
        }
        try (InputStream in = jar.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    private static void define(Instrumentation inst, byte[] definerBytes, Map<String, byte[]> classes)
            throws ReflectiveOperationException {
        Class<?> definer = new DefinerLoader().define(definerBytes);
        inst.redefineModule(Object.class.getModule(), Set.of(), Map.of("jdk.internal.misc", Set.of(definer.getModule())),
                Map.of(), Set.of(), Map.of());
        definer.getMethod("defineAll", String[].class, byte[][].class)
                .invoke(null, classes.keySet().toArray(new String[0]), classes.values().toArray(new byte[0][]));
    }

    /** Holds {@link BootDefiner} alone (defined from its class file), and nothing else of the agent. */
    private static final class DefinerLoader extends ClassLoader {
        DefinerLoader() {
            super(ClassLoader.getPlatformClassLoader());
        }

        Class<?> define(byte[] bytes) {
            return defineClass(DEFINER, bytes, 0, bytes.length);
        }
    }
}
