package dev.tripswitch.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import dev.tripswitch.weaving.ClassHeader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bootstrap tier is what {@link BootstrapTier} lists, and nothing in it names a class
 * outside it and the JDK: advice runs inside JDK classes, whose loader sees nothing else.
 * A class of the tier that called, say, a rules class would fail there with
 * NoClassDefFoundError; this test fails first.
 */
class BootstrapTierTest {
    private static final Path CLASSES = Path.of("target/classes");

    @Test
    void theTierNamesOnlyItselfAndTheJdk() throws IOException {
        List<String> outside = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String path = CLASSES.relativize(file).toString().replace('\\', '/');
                if (!BootstrapTier.contains(path)) {
                    continue;
                }
                checked++;
                for (String referenced : ClassHeader.referencedClasses(Files.readAllBytes(file))) {
                    String name = referenced.replaceFirst("^\\[+L?", "").replaceFirst(";$", "");
                    boolean jdk = name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                            || name.startsWith("sun.") || name.length() == 1; // a primitive array's element
                    if (!jdk && !BootstrapTier.contains(name.replace('.', '/') + ".class")) {
                        outside.add(path + " -> " + name);
                    }
                }
            }
        }
        assertTrue(checked > 20, "the tier's classes were found: " + checked);
        assertEquals(List.of(), outside);
    }

    /** The agent defines {@link BootstrapTier#CLASSES} in order: a class missing or before its supertype would not load. */
    @Test
    void theListIsEveryClassOfTheTierSupertypesFirst() throws IOException {
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String path = CLASSES.relativize(file).toString().replace('\\', '/');
                if (BootstrapTier.contains(path)) {
                    found.add(path.substring(0, path.length() - ".class".length()).replace('/', '.'));
                }
            }
        }
        assertEquals(found, new TreeSet<>(BootstrapTier.CLASSES), "BootstrapTier.CLASSES lists the tier's classes");
        List<String> early = new ArrayList<>();
        for (int i = 0; i < BootstrapTier.CLASSES.size(); i++) {
            String name = BootstrapTier.CLASSES.get(i);
            ClassHeader header = ClassHeader.read(Files.readAllBytes(CLASSES.resolve(name.replace('.', '/') + ".class")));
            List<String> supertypes = new ArrayList<>(header.interfaces());
            if (header.superName() != null) {
                supertypes.add(header.superName());
            }
            for (String type : supertypes) {
                int at = BootstrapTier.CLASSES.indexOf(type);
                if (at > i) {
                    early.add(name + " is listed before its supertype " + type);
                }
            }
        }
        assertEquals(List.of(), early);
    }
}
