package dev.tripswitch.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent jar as the build writes it (AgentJarPacker) and the loader that reads its pack:
 * which classes go in, that the jar stays a jar every tool reads, and that a class of the pack is
 * defined by the pack's loader from the same bytes while every other name goes to the parent.
 */
class AgentClassLoaderTest {
    private static final Path CLASSES = Path.of("target", "classes");

    @TempDir
    Path dir;

    @Test
    void thePackHoldsTheAgentAndTheLibrariesEveryStartLoads() {
        assertTrue(AgentJarPacker.packs("dev/tripswitch/agent/AgentStarter.class"));
        assertTrue(AgentJarPacker.packs("dev/tripswitch/weaving/Front$Matching.class"));
        assertTrue(AgentJarPacker.packs("dev/tripswitch/shaded/org/yaml/snakeyaml/composer/Composer.class"));
        assertTrue(AgentJarPacker.packs("dev/tripswitch/shaded/net/bytebuddy/jar/asm/ClassReader.class"));
        assertTrue(AgentJarPacker.packs("dev/tripswitch/cluster/ClusterSync.class"), "the agent's side of the cluster");

        assertFalse(AgentJarPacker.packs("dev/tripswitch/cli/Main.class"), "the command line runs from the jar");
        assertFalse(AgentJarPacker.packs("dev/tripswitch/shaded/redis/clients/jedis/Jedis.class"), "the cluster's client");
        assertFalse(AgentJarPacker.packs("dev/tripswitch/shaded/org/slf4j/LoggerFactory.class"));
        assertFalse(AgentJarPacker.packs("dev/tripswitch/cluster/QuietSlf4j.class"), "found by name by that SLF4J");
        assertFalse(AgentJarPacker.packs("dev/tripswitch/agent/Launch.class"),
                "what Premain hands the starter: one class, which both loaders see");
        assertFalse(AgentJarPacker.packs("META-INF/MANIFEST.MF"));
        assertFalse(AgentJarPacker.packs("org/yaml/snakeyaml/Yaml.class"), "nothing outside the agent's packages");
    }

    @Test
    void thePackedJarIsStoredWithItsManifestFirstAndKeepsEveryEntry() throws Exception {
        Path shaded = shadedJar();
        Path packed = dir.resolve("packed.jar");
        AgentJarPacker.pack(shaded, packed);

        List<String> before = names(shaded);
        List<String> after = names(packed);
        assertEquals(before.size() + 1, after.size());
        assertTrue(after.containsAll(before));
        assertEquals(JarFile.MANIFEST_NAME, after.get(0));
        try (JarFile jar = new JarFile(packed.toFile())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                assertEquals(ZipEntry.STORED, e.nextElement().getMethod());
            }
        }
        try (JarInputStream in = new JarInputStream(Files.newInputStream(packed))) {
            assertNotNull(in.getManifest(), "a stream reader finds the manifest too");
            assertEquals("dev.tripswitch.agent.Premain", in.getManifest().getMainAttributes().getValue("Premain-Class"));
        }
    }

    @Test
    void aPackedClassIsDefinedByThePacksLoaderFromTheSameBytes() throws Exception {
        Path packed = dir.resolve("packed.jar");
        AgentJarPacker.pack(shadedJar(), packed);
        ClassLoader parent = getClass().getClassLoader();
        ClassLoader loader = AgentClassLoader.open(packed.toFile(), parent, getClass().getProtectionDomain());
        assertNotNull(loader);

        Class<?> arguments = loader.loadClass("dev.tripswitch.agent.AgentArguments");
        assertSame(loader, arguments.getClassLoader(), "from the pack");
        assertNotSame(AgentArguments.class, arguments);
        assertSame(loader.loadClass("dev.tripswitch.agent.AgentArguments"), arguments, "defined once");

        assertSame(Premain.class, loader.loadClass("dev.tripswitch.agent.Premain"), "the premain side stays the parent's");
        assertSame(BootTier.class, loader.loadClass("dev.tripswitch.agent.BootTier"));
        assertSame(String.class, loader.loadClass("java.lang.String"));

        try (InputStream in = loader.getResourceAsStream("dev/tripswitch/agent/AgentArguments.class")) {
            assertArrayEquals(AgentJarPacker.withoutLocalVariables(Files.readAllBytes(
                    CLASSES.resolve("dev/tripswitch/agent/AgentArguments.class"))), in.readAllBytes());
        }
    }

    @Test
    void packedClassesLoseTheirLocalVariableTablesAndKeepTheirLineNumbers() throws Exception {
        byte[] original = Files.readAllBytes(CLASSES.resolve("dev/tripswitch/agent/AgentArguments.class"));
        byte[] packed = AgentJarPacker.withoutLocalVariables(original);
        int[] before = debugInfo(original);
        int[] after = debugInfo(packed);
        assertTrue(before[0] > 0 && before[1] > 0, "the build compiles with local variables and lines");
        assertEquals(0, after[0], "no local variable is left");
        assertEquals(before[1], after[1], "every line number is kept");
        assertTrue(packed.length < original.length);
        Class<?> defined = new ClassLoader(getClass().getClassLoader()) {
            Class<?> define() {
                return defineClass("dev.tripswitch.agent.AgentArguments", packed, 0, packed.length);
            }
        }.define();
        assertEquals(AgentArguments.class.getDeclaredMethods().length, defined.getDeclaredMethods().length,
                "the same class, verified and linked: " + defined.getDeclaredMethods().length + " methods");
    }

    /** How many local variable entries and line numbers a class file holds. */
    private static int[] debugInfo(byte[] classFile) {
        int[] counts = new int[2];
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitLocalVariable(String local, String type, String typeSignature, Label start,
                                                   Label end, int index) {
                        counts[0]++;
                    }

                    @Override
                    public void visitLineNumber(int line, Label start) {
                        counts[1]++;
                    }
                };
            }
        }, 0);
        return counts;
    }

    @Test
    void aJarWithoutAPackHasNoLoader() throws Exception {
        assertNull(AgentClassLoader.open(shadedJar().toFile(), getClass().getClassLoader(), null));
    }

    @Test
    void aJarLaidOutByAnotherToolHasNoLoader() throws Exception {
        Path packed = dir.resolve("packed.jar");
        AgentJarPacker.pack(shadedJar(), packed);
        Path commented = dir.resolve("commented.jar");
        try (JarFile in = new JarFile(packed.toFile()); OutputStream file = Files.newOutputStream(commented);
             JarOutputStream out = new JarOutputStream(file)) {
            for (Enumeration<JarEntry> e = in.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                out.putNextEntry(new JarEntry(entry.getName()));
                try (InputStream data = in.getInputStream(entry)) {
                    data.transferTo(out);
                }
            }
            out.setComment("rewritten"); // the end record no longer ends the file
        }
        assertNull(AgentClassLoader.open(commented.toFile(), getClass().getClassLoader(), null),
                "the classes load from the system class loader instead");
    }

    @Test
    void theIndexReadsEveryRecordOfThePack() {
        byte[] toc = {0, 1, 'A', 0, 0, 0, 0, 0, 0, 0, 2, 0, 3, 'B', '.', 'C', 0, 0, 1, 2, 0, 0, 0, 0};
        Map<String, int[]> index = AgentClassLoader.index(toc);
        assertEquals(2, index.size());
        assertArrayEquals(new int[] {0, 2}, index.get("A"));
        assertArrayEquals(new int[] {258, 0}, index.get("B.C"));
    }

    /** A jar like the shade plugin's: deflated, the manifest not first, a few of the agent's real classes. */
    private Path shadedJar() throws IOException {
        Path jar = dir.resolve("shaded.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", "dev.tripswitch.agent.Premain");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (String name : List.of("dev/tripswitch/agent/Premain.class", "dev/tripswitch/agent/AgentArguments.class",
                    "dev/tripswitch/cli/Main.class")) {
                out.putNextEntry(new JarEntry(name));
                out.write(Files.readAllBytes(CLASSES.resolve(name)));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry(JarFile.MANIFEST_NAME));
            manifest.write(out);
            out.closeEntry();
        }
        return jar;
    }

    private static List<String> names(Path jar) throws IOException {
        List<String> out = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
                out.add(e.nextElement().getName());
            }
        }
        return out;
    }
}
