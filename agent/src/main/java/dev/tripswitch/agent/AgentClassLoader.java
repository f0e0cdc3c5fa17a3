package dev.tripswitch.agent;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads the agent's classes from one resource of its jar ({@link #PACK}: every class file the
 * agent may load, one after another, written at build time by {@link AgentJarPacker}), instead
 * of one jar entry at a time through the system class loader.
 *
 * <p>Why: the JVM runs the agent's start on the application's main thread, before its
 * {@code main}, and that start loads some 250 classes of the agent (rules, SnakeYAML, weaving).
 * Through the system class loader each costs a class-path search, a jar entry look-up and a
 * read, all in code the JVM still interprets at that moment: about half of the agent's start on
 * a 2-core machine. From the pack, a class costs a map look-up and its definition.
 *
 * <p>The classes of the pack are loaded here first; every other name goes to the parent, the
 * system class loader, as before: the JDK, the bridge in the bootstrap loader, the application's
 * classes (its SLF4J, its clients) and the few classes {@link Premain} runs before this loader
 * exists ({@link #PREMAIN_SIDE}), whose state the rest of the agent must share.
 */
final class AgentClassLoader extends ClassLoader {
    /** The pack's entry in the agent jar. */
    static final String PACK = "META-INF/tripswitch/agent.classes";
    /**
     * Classes loaded by the system class loader before this loader exists, or that hold state
     * both sides read: never in the pack, so that there is one copy of each.
     */
    static final Set<String> PREMAIN_SIDE = Set.of(
            "dev.tripswitch.agent.Premain",
            "dev.tripswitch.agent.BootTier",
            "dev.tripswitch.agent.BootTier$DefinerLoader",
            "dev.tripswitch.agent.BootDefiner",
            "dev.tripswitch.agent.BootstrapTier",
            "dev.tripswitch.agent.BootstrapJar",
            "dev.tripswitch.agent.AgentClassLoader",
            "dev.tripswitch.agent.AgentJarPacker");

    static {
        registerAsParallelCapable();
    }

    private final byte[] pack;
    /** Class name to {offset, length} in {@link #pack}. */
    private final Map<String, int[]> classes;
    private final ProtectionDomain domain;

    private AgentClassLoader(ClassLoader parent, byte[] pack, Map<String, int[]> classes, ProtectionDomain domain) {
        super("tripswitch", parent);
        this.pack = pack;
        this.classes = classes;
        this.domain = domain;
    }

    /**
     * The loader of the pack in {@code jar}, or null when the jar has none (the agent's classes
     * then load from the system class loader, as they would without this).
     */
    static ClassLoader open(File jar, ClassLoader parent, ProtectionDomain domain) throws IOException {
        byte[] pack;
        try (JarFile file = new JarFile(jar, false)) { // the class loader's open file is shared, not read again
            JarEntry entry = file.getJarEntry(PACK);
            if (entry == null) {
                return null;
            }
            pack = new byte[(int) entry.getSize()]; // one read into the array: readAllBytes would copy 2 MB in 8 KB steps
            try (InputStream in = file.getInputStream(entry)) {
                if (in.readNBytes(pack, 0, pack.length) != pack.length) {
                    throw new IOException(PACK + " in " + jar + " ends early");
                }
            }
        }
        return new AgentClassLoader(parent, pack, index(pack), domain);
    }

    /**
     * The pack's table of contents. The pack is a sequence of records: the class name's length
     * (2 bytes) and its bytes (ASCII), the class file's length (4 bytes) and its bytes.
     */
    static Map<String, int[]> index(byte[] pack) {
        Map<String, int[]> out = new HashMap<>(1024);
        int at = 0;
        while (at < pack.length) {
            int nameLength = (pack[at] & 0xff) << 8 | pack[at + 1] & 0xff;
            String name = new String(pack, at + 2, nameLength, StandardCharsets.ISO_8859_1);
            at += 2 + nameLength;
            int length = (pack[at] & 0xff) << 24 | (pack[at + 1] & 0xff) << 16 | (pack[at + 2] & 0xff) << 8
                    | pack[at + 3] & 0xff;
            at += 4;
            out.put(name, new int[] {at, length});
            at += length;
        }
        return out;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        int[] at = classes.get(name);
        if (at == null) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = defineClass(name, pack, at[0], at[1], domain);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    /** A class file of the pack as a resource (the weaver reads one): the bytes this loader defined it from. */
    @Override
    public InputStream getResourceAsStream(String name) {
        if (name.endsWith(".class")) {
            int[] at = classes.get(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
            if (at != null) {
                return new ByteArrayInputStream(pack, at[0], at[1]);
            }
        }
        return super.getResourceAsStream(name);
    }
}
