package dev.tripswitch.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Users get only this repository: every relative link of README.md and docs/ resolves (a
 * file, and a heading when it names one), and nothing points outside the repository.
 */
class DocumentationLinksTest {
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]*)(#[^)\\s]*)?\\)");
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyLinkResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        assertTrue(pages.size() >= 8, "README.md and the docs pages: " + pages);
        for (Path page : pages) {
            Matcher m = LINK.matcher(Files.readString(page));
            while (m.find()) {
                String target = m.group(1);
                if (target.startsWith("http://") || target.startsWith("https://")) {
                    continue;
                }
                Path file = target.isEmpty() ? page : page.getParent().resolve(target).normalize();
                if (!file.startsWith(ROOT) || !Files.exists(file)) {
                    broken.add(page.getFileName() + " -> " + target);
                } else if (m.group(2) != null && !anchors(file).contains(m.group(2).substring(1))) {
                    broken.add(page.getFileName() + " -> " + target + m.group(2));
                }
            }
            assertTrue(!Files.readString(page).contains("../shared"), page + " points outside the repository");
        }
        assertEquals(List.of(), broken);
    }

    private static List<String> anchors(Path file) throws IOException {
        if (!file.toString().endsWith(".md")) {
            return List.of();
        }
        return Files.readAllLines(file).stream().filter(l -> l.startsWith("#"))
                .map(l -> l.replaceFirst("^#+ ", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 -]", "")
                        .replace(' ', '-'))
                .toList();
    }
}
