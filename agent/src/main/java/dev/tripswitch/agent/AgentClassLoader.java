package dev.tripswitch.agent;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Loads the agent's classes from one resource of its jar ({@link #PACK}: every class file the
 * agent may load, one after another, written at build time by {@link AgentJarPacker}), instead
 * of one jar entry at a time through the system class loader.
 *
 * <p>Why: the JVM runs the agent's start on the application's main thread, before its
 * {@code main}, and that start loads some 250 classes of the agent (rules, SnakeYAML, weaving).
 * Through the system class loader each costs a class-path search, a jar entry look-up and a
 * read, all in code the JVM still interprets at that moment: about half of the agent's start on
 * a 2-core machine. From the pack, a class costs a map look-up, one read and its definition.
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
            "dev.tripswitch.agent.AgentEntry",
            "dev.tripswitch.agent.Launch",
            "dev.tripswitch.agent.BootTier",
            "dev.tripswitch.agent.BootTier$DefinerLoader",
            "dev.tripswitch.agent.BootDefiner",
            "dev.tripswitch.agent.BootstrapTier",
            "dev.tripswitch.agent.BootstrapJar",
            "dev.tripswitch.agent.AgentClassLoader",
            "dev.tripswitch.agent.AgentJarPacker");

    /** The pack's last four bytes. */
    static final byte[] MAGIC = {'T', 'S', 'P', 'K'};
    /** The pack's trailer: the table of contents' length, the pack's length, {@link #MAGIC}. */
    private static final int TRAILER = 12;
    /** The zip format's end of central directory record, without a comment. */
    private static final int END_RECORD = 22;
    private static final int END_SIGNATURE = 0x06054b50;

    static {
        registerAsParallelCapable();
    }

    /** The agent jar, open for the JVM's life: a class is read from it when first loaded. */
    private final RandomAccessFile jar;
    /** Where the pack starts in the jar. */
    private final long start;
    /** Class name to {offset from {@link #start}, length}. */
    private final Map<String, int[]> classes;
    private final ProtectionDomain domain;

    private AgentClassLoader(ClassLoader parent, RandomAccessFile jar, long start, Map<String, int[]> classes,
                             ProtectionDomain domain) {
        super("tripswitch", parent);
        this.jar = jar;
        this.start = start;
        this.classes = classes;
        this.domain = domain;
    }

    /**
     * The loader of the pack in {@code jar}, or null when the jar has none (the agent's classes
     * then load from the system class loader, as they would without this). Reads the pack's
     * table of contents only: each class file is read when its class loads, so the start reads
     * the few hundred classes it uses, not the whole pack into one large array (which was a
     * humongous, zeroed allocation and a 1.3 MB copy on the application's main thread).
     *
     * <p>The pack is the jar's last entry and stored, so it ends where the central directory
     * starts, which the jar's end record says ({@link AgentJarPacker}); a jar laid out otherwise
     * (rewritten by another tool) has no usable pack, and the system class loader is used.
     */
    static ClassLoader open(File jar, ClassLoader parent, ProtectionDomain domain) throws IOException {
        RandomAccessFile file = new RandomAccessFile(jar, "r");
        AgentClassLoader loader = null;
        try {
            long end = packEnd(file);
            byte[] trailer = end < TRAILER ? null : read(file, end - TRAILER, TRAILER);
            if (trailer != null && Arrays.equals(trailer, 8, TRAILER, MAGIC, 0, MAGIC.length)) {
                int tocLength = int4(trailer, 0);
                Map<String, int[]> index = index(read(file, end - TRAILER - tocLength, tocLength));
                loader = new AgentClassLoader(parent, file, end - int4(trailer, 4), index, domain);
            }
            return loader;
        } finally {
            if (loader == null) {
                file.close(); // no pack: the file is not kept open
            }
        }
    }

    /** Where the central directory starts (so where the jar's last entry ends), or -1 without an end record here. */
    private static long packEnd(RandomAccessFile file) throws IOException {
        long length = file.length();
        if (length < END_RECORD) {
            return -1;
        }
        byte[] end = read(file, length - END_RECORD, END_RECORD);
        if (littleEndian(end, 0) != END_SIGNATURE) {
            return -1; // a comment follows, or this is no zip file
        }
        return littleEndian(end, 16) & 0xffffffffL;
    }

    private static byte[] read(RandomAccessFile file, long at, int length) throws IOException {
        byte[] out = new byte[length];
        synchronized (file) {
            file.seek(at);
            file.readFully(out);
        }
        return out;
    }

    private static int littleEndian(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    private static int int4(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
    }

    /**
     * The pack's table of contents: per class, the name's length (2 bytes) and the name (ASCII),
     * then where its class file starts in the pack and its length (4 bytes each).
     */
    static Map<String, int[]> index(byte[] toc) {
        Map<String, int[]> out = new HashMap<>(1024);
        int at = 0;
        while (at < toc.length) {
            int nameLength = (toc[at] & 0xff) << 8 | toc[at + 1] & 0xff;
            String name = new String(toc, at + 2, nameLength, StandardCharsets.ISO_8859_1);
            at += 2 + nameLength;
            out.put(name, new int[] {int4(toc, at), int4(toc, at + 4)});
            at += 8;
        }
        return out;
    }

    /** A class file of the pack, read from the jar. */
    private byte[] classFile(int[] at) throws IOException {
        return read(jar, start + at[0], at[1]);
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
                byte[] bytes;
                try {
                    bytes = classFile(at);
                } catch (IOException e) {
                    throw new ClassNotFoundException(name + ": the agent jar cannot be read (" + e + ")", e);
                }
                c = defineClass(name, bytes, 0, bytes.length, domain);
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
                try {
                    return new ByteArrayInputStream(classFile(at));
                } catch (IOException e) {
                    return null;
                }
            }
        }
        return super.getResourceAsStream(name);
    }
}
