package dev.tripswitch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent's packages depend on each other one way (docs/architecture.md): rules read
 * presets through {@code PresetCatalog}, never the libraries' files, and the engine depends
 * on nothing. Read from the sources: every {@code dev.tripswitch.x.} a file names outside
 * comments is an edge.
 */
class PackageCyclesTest {
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.tripswitch\\.([a-z]+)\\.");
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    @Test
    void noPackageDependsOnItselfThroughAnother() throws IOException {
        Map<String, Set<String>> edges = edges();
        assertTrue(edges.size() >= 10, "read the agent's packages: " + edges.keySet());
        List<String> cycles = new ArrayList<>();
        for (String start : edges.keySet()) {
            cycle(start, start, edges, new ArrayList<>(List.of(start)), new TreeSet<>(), cycles);
        }
        assertEquals(List.of(), cycles, "package cycles");
    }

    @Test
    void theEngineDependsOnNoOtherPackage() throws IOException {
        assertEquals(Set.of(), edges().get("engine"));
    }

    private static void cycle(String start, String at, Map<String, Set<String>> edges, List<String> path,
                              Set<String> seen, List<String> out) {
        for (String next : edges.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                out.add(String.join(" -> ", path) + " -> " + start);
            } else if (next.compareTo(start) > 0 && seen.add(next)) { // each cycle once, from its smallest package
                path.add(next);
                cycle(start, next, edges, path, seen, out);
                path.remove(path.size() - 1);
            }
        }
    }

    private static Map<String, Set<String>> edges() throws IOException {
        Path root = Path.of("src/main/java/dev/tripswitch");
        Map<String, Set<String>> edges = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                Path dir = root.relativize(f).getParent();
                if (dir == null) {
                    continue; // dev.tripswitch itself: the public exception types
                }
                String pkg = dir.getName(0).toString();
                Set<String> out = edges.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(COMMENTS.matcher(Files.readString(f)).replaceAll(""));
                while (m.find()) {
                    if (!m.group(1).equals(pkg) && Files.isDirectory(root.resolve(m.group(1)))) {
                        out.add(m.group(1));
                    }
                }
            }
        }
        return edges;
    }
}
