package dev.tripswitch.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
}
