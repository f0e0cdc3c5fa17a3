package dev.tripswitch.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Copies the classes woven code needs (the bridge, the engine and
 * {@code dev.tripswitch.CircuitOpenException}: JDK types only) out of the agent jar into a
 * small jar on the bootstrap class path, so that advice inside JDK classes and inside
 * classes of any loader resolves them, and all see the same breakers. Everything else
 * of the agent stays with the system class loader.
 */
final class BootstrapJar {
    private static final String[] PREFIXES = {
        "dev/tripswitch/bridge/", "dev/tripswitch/engine/", "dev/tripswitch/CircuitOpenException.class"
    };

    private BootstrapJar() {
    }

    static void install(Instrumentation inst) throws IOException, URISyntaxException {
        if (alreadyOnBootstrap()) {
            return; // a second copy of the agent: share the first one's bridge
        }
        File agentJar = new File(Premain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path bridge = Files.createTempFile("tripswitch-bootstrap-", ".jar");
        bridge.toFile().deleteOnExit();
        try (JarFile source = new JarFile(agentJar);
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(bridge))) {
            Enumeration<JarEntry> entries = source.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (!entry.isDirectory() && belongs(entry.getName())) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream in = source.getInputStream(entry)) {
                        copy(in, out);
                    }
                    out.closeEntry();
                }
            }
        }
        inst.appendToBootstrapClassLoaderSearch(new JarFile(bridge.toFile()));
    }

    private static boolean alreadyOnBootstrap() {
        try {
            Class.forName("dev.tripswitch.bridge.Dispatcher", false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static boolean belongs(String name) {
        for (String prefix : PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
        }
    }
}
