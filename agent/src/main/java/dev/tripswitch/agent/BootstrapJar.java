package dev.tripswitch.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * The fallback of {@link BootTier}: copies the bootstrap tier out of the agent jar into a
 * small jar on the bootstrap class path. It works on every JDK, but turns class-data sharing
 * off for the application's classes and makes the JVM print a warning at start.
 */
final class BootstrapJar {
    private BootstrapJar() {
    }

    static void install(Instrumentation inst, File agentJar) throws IOException {
        byte[] bytes = bridgeJar(agentJar);
        inst.appendToBootstrapClassLoaderSearch(new JarFile(place(bytes).toFile()));
    }

    /**
     * Where the bridge jar goes: one file per agent build ({@code tripswitch-bootstrap-<sha256>.jar}
     * in the temporary directory), reused by every JVM that runs this build, so nothing piles
     * up when JVMs are killed. A file of that name is used only if its bytes are ours; otherwise
     * (another user's, or damaged) a private file deleted on exit is written instead. Files of
     * the earlier one-per-JVM naming that a killed JVM left behind are removed.
     */
    private static Path place(byte[] bytes) throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        Path shared = dir.resolve("tripswitch-bootstrap-" + sha256(bytes).substring(0, 24) + ".jar");
        removeLeftovers(dir, shared);
        try {
            if (Files.isRegularFile(shared) && java.util.Arrays.equals(Files.readAllBytes(shared), bytes)) {
                touch(shared);
                return shared;
            }
            Path written = Files.createTempFile(dir, "tripswitch-bootstrap-", ".tmp");
            Files.write(written, bytes);
            Files.move(written, shared, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (java.util.Arrays.equals(Files.readAllBytes(shared), bytes)) {
                return shared;
            }
        } catch (IOException | RuntimeException e) {
            // not ours to replace, or the directory is read-only: a private copy below
        }
        Path own = Files.createTempFile("tripswitch-bootstrap-", ".jar");
        own.toFile().deleteOnExit();
        Files.write(own, bytes);
        return own;
    }

    private static void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException | RuntimeException e) {
            // another user's file with our bytes: used as it is
        }
    }

    /**
     * Bridge jars not used for a day: other builds' and those a killed JVM of the earlier
     * one-per-JVM naming left. A JVM still running from one keeps its open file (and every
     * start of a build touches its jar).
     */
    private static void removeLeftovers(Path dir, Path keep) {
        long dayAgo = System.currentTimeMillis() - 86_400_000L;
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            files.filter(f -> !f.equals(keep)
                            && f.getFileName().toString().matches("tripswitch-bootstrap-[0-9a-f]+\\.(jar|tmp)"))
                    .forEach(f -> {
                        try {
                            if (Files.getLastModifiedTime(f).toMillis() < dayAgo) {
                                Files.deleteIfExists(f);
                            }
                        } catch (IOException | RuntimeException e) {
                            // another user's, or gone already
                        }
                    });
        } catch (IOException | RuntimeException e) {
            // an unreadable temporary directory: nothing to clean
        }
    }

    /** The bridge classes copied out of the agent jar, with their original times: the same bytes every run. */
    private static byte[] bridgeJar(File agentJar) throws IOException {
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        try (JarFile source = new JarFile(agentJar); JarOutputStream out = new JarOutputStream(buffer)) {
            Enumeration<JarEntry> entries = source.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (!entry.isDirectory() && BootstrapTier.contains(entry.getName())) {
                    JarEntry copy = new JarEntry(entry.getName());
                    copy.setTime(entry.getTime());
                    out.putNextEntry(copy);
                    try (InputStream in = source.getInputStream(entry)) {
                        copy(in, out);
                    }
                    out.closeEntry();
                }
            }
        }
        return buffer.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
        }
    }
}
