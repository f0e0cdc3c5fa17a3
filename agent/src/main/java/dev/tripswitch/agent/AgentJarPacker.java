package dev.tripswitch.agent;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Build step, run by agent/pom.xml after the shade plugin: rewrites the agent jar with its
 * entries stored instead of deflated, and adds the pack {@link AgentClassLoader} loads the
 * agent from. Not used at run time.
 *
 * <p>Stored, because the JVM still reads the classes that stay outside the pack (the bridge,
 * the command line) from jar entries, and inflating them was some 20 ms of the agent's start on a
 * 2-core machine. The pack holds every class of the agent but the bootstrap tier (defined in
 * the bootstrap loader from the jar's entries, {@link BootstrapTier}) and the classes
 * {@link Premain} runs before the pack's loader exists ({@link AgentClassLoader#PREMAIN_SIDE}).
 * The jar keeps all its entries as they were, so {@code java -jar tripswitch-agent.jar} (the
 * command line) and a JVM that cannot use the pack load the same classes the usual way.
 *
 * <p>The packed class files go without their local variable tables ({@link #withoutLocalVariables}):
 * the JVM parses every class the agent's start loads while the application waits, and those
 * tables were a sixth of the bytes (about 5 ms of the start on a 2-core machine). Line numbers and
 * source file names stay, so stack traces read as before.
 */
public final class AgentJarPacker {
    private static final String PREFIX = "dev/tripswitch/";
    /** Classes of the agent's packages that stay out: the bootstrap tier and the premain side. */
    private static final Set<String> OUTSIDE = outside();

    private AgentJarPacker() {
    }

    /** {@code AgentJarPacker <shaded jar> <output jar>}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: AgentJarPacker <shaded jar> <output jar>");
        }
        pack(Path.of(args[0]), Path.of(args[1]));
    }

    static void pack(Path in, Path out) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream(1 << 21);
        ByteArrayOutputStream toc = new ByteArrayOutputStream(1 << 16);
        DataOutputStream contents = new DataOutputStream(toc);
        int classes = 0;
        try (JarFile jar = new JarFile(in.toFile(), false);
             OutputStream file = Files.newOutputStream(out);
             JarOutputStream to = new JarOutputStream(file)) {
            List<JarEntry> entries = new ArrayList<>();
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                entries.add(e.nextElement());
            }
            // the manifest first, as JarInputStream expects
            entries.sort((a, b) -> Boolean.compare(!isManifest(a), !isManifest(b)));
            for (JarEntry entry : entries) {
                byte[] bytes;
                try (InputStream stream = jar.getInputStream(entry)) {
                    bytes = stream.readAllBytes();
                }
                store(to, entry, bytes);
                String name = entry.getName();
                if (packs(name)) {
                    byte[] ascii = className(name).getBytes(StandardCharsets.ISO_8859_1);
                    byte[] classFile = withoutLocalVariables(bytes);
                    contents.writeShort(ascii.length);
                    contents.write(ascii);
                    contents.writeInt(data.size());
                    contents.writeInt(classFile.length);
                    data.write(classFile);
                    classes++;
                }
            }
            if (classes == 0) {
                throw new IOException(in + " holds no class of the agent to pack");
            }
            DataOutputStream trailer = new DataOutputStream(data);
            int tocLength = toc.size();
            toc.writeTo(data);
            trailer.writeInt(tocLength);
            trailer.writeInt(data.size() + 8); // the whole pack, this trailer included
            trailer.write(AgentClassLoader.MAGIC);
            JarEntry packEntry = new JarEntry(AgentClassLoader.PACK);
            packEntry.setTime(jar.getJarEntry("META-INF/MANIFEST.MF").getTime());
            store(to, packEntry, data.toByteArray()); // last: it ends where the central directory starts
        }
    }

    /**
     * Whether a jar entry goes into the pack: the agent's own classes (but the bootstrap tier and the
     * premain side) and the two libraries every start loads (SnakeYAML, Byte Buddy's ASM). Not the command line's classes (the agent never
     * runs them), nor the libraries of the optional cluster feature (the Redis client and what it
     * uses): they load from the jar's entries when the feature is on, all through the system
     * class loader, as does the SLF4J provider that silences them ({@code QuietSlf4j}), which
     * their SLF4J finds by name.
     */
    static boolean packs(String entry) {
        if (!entry.startsWith(PREFIX) || !entry.endsWith(".class") || entry.startsWith(PREFIX + "cli/")
                || entry.equals(PREFIX + "cluster/QuietSlf4j.class") || OUTSIDE.contains(className(entry))) {
            return false;
        }
        return !entry.startsWith(PREFIX + "shaded/") || entry.startsWith(PREFIX + "shaded/org/yaml/snakeyaml/")
                || entry.startsWith(PREFIX + "shaded/net/bytebuddy/");
    }

    /**
     * The class file without its {@code LocalVariableTable} and {@code LocalVariableTypeTable}
     * (what a debugger shows as local names): the code, its frames, line numbers and every other
     * attribute are written back unchanged, and the constant pool keeps only what they use.
     */
    static byte[] withoutLocalVariables(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
                    @Override
                    public void visitLocalVariable(String local, String type, String typeSignature, Label start,
                                                   Label end, int index) {
                        // left out
                    }
                };
            }
        }, 0);
        return writer.toByteArray();
    }

    private static String className(String entry) {
        return entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
    }

    private static Set<String> outside() {
        Set<String> out = new HashSet<>(AgentClassLoader.PREMAIN_SIDE);
        out.addAll(BootstrapTier.CLASSES);
        return Set.copyOf(out);
    }

    private static boolean isManifest(JarEntry e) {
        return e.getName().equals("META-INF/") || e.getName().equals(JarFile.MANIFEST_NAME);
    }

    private static void store(JarOutputStream to, JarEntry from, byte[] bytes) throws IOException {
        JarEntry entry = new JarEntry(from.getName());
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        entry.setTime(from.getTime());
        to.putNextEntry(entry);
        to.write(bytes);
        to.closeEntry();
    }
}
