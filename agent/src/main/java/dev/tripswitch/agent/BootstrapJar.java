package dev.tripswitch.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * The fallback of {@link BootTier}, for a JDK where defining classes in the bootstrap loader
 * directly fails: the tier's classes go into a small private jar (deleted on exit) on the
 * bootstrap class path, deleted as soon as the JVM has it open. It works on every JDK, but turns class-data sharing off for the
 * application's classes and makes the JVM print a warning at start.
 */
final class BootstrapJar {
    private BootstrapJar() {
    }

    /** @param classes the tier's class files by binary name, as {@link BootTier} read them */
    static void install(Instrumentation inst, Map<String, byte[]> classes) throws IOException {
        Path jar = Files.createTempFile("tripswitch-bootstrap-", ".jar");
        jar.toFile().deleteOnExit();
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                out.putNextEntry(new JarEntry(c.getKey().replace('.', '/') + ".class"));
                out.write(c.getValue());
                out.closeEntry();
            }
        }
        inst.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
        try {
            // the JVM holds the jar open once a class came from it: on POSIX the file can go now,
            // so a JVM that is killed leaves nothing behind (elsewhere, deleteOnExit remains)
            Class.forName("dev.tripswitch.bridge.Dispatcher", false, null);
            Files.deleteIfExists(jar);
        } catch (ClassNotFoundException | IOException | LinkageError e) {
            // kept until exit
        }
    }
}
