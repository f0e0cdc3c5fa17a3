package dev.tripswitch.instrumentation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.List;
import java.util.stream.Collectors;

import dev.tripswitch.rules.FailOn;
import dev.tripswitch.rules.MatchSpec;
import dev.tripswitch.rules.ResultExpression;
import dev.tripswitch.rules.WhenOpen;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The presets table, the support matrix and the notes of {@code docs/presets.md} are
 * rendered from the instrumentation definitions, never kept by hand: when a definition
 * changes, this test fails and writes the new text to {@code target/presets.generated.md}
 * to paste between the markers.
 */
class PresetDocsTest {
    static final String BEGIN = "<!-- generated from dev.tripswitch.instrumentation by PresetDocsTest: edit the definitions, not this -->";
    static final String END = "<!-- end of generated text -->";

    @Test
    void docsShowWhatTheDefinitionsSay() throws IOException {
        assertRendered(Path.of("../docs/presets.md"), render(), "presets.generated.md");
    }

    /** The README's support matrix: a row per client of each preset, from the same definitions. */
    @Test
    void readmeMatrixShowsWhatTheDefinitionsSay() throws IOException {
        assertRendered(Path.of("../README.md"), renderMatrix(), "readme-matrix.generated.md");
    }

    /** Fails unless {@code doc} holds {@code rendered} between the markers; writes it to target/ to paste. */
    private static void assertRendered(Path doc, String rendered, String generated) throws IOException {
        String text = Files.readString(doc);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertTrue(begin >= 0 && end > begin, doc + " has the markers");
        String current = text.substring(begin + BEGIN.length(), end);
        if (!current.equals(rendered)) {
            Files.writeString(Path.of("target", generated), rendered);
        }
        assertEquals(rendered, current, doc + " is out of date: paste target/" + generated + " between its markers");
    }

    @Test
    void everyPresetWeavesSomethingAndSaysHowItIsTested() {
        for (ClientInstrumentation i : Presets.all()) {
            assertTrue(!i.matches().isEmpty(), i.preset());
            for (CallStyle s : i.styles()) {
                assertTrue(s.outcome().startsWith("**not woven yet**") || !s.test().isEmpty()
                        || s.outcome().contains("not yet tested"), i.preset() + " " + s.style() + ": name its test");
            }
        }
    }

    static String render() {
        StringBuilder out = new StringBuilder("\n");
        out.append("| preset | weaves | key | failure | when open |\n|---|---|---|---|---|\n");
        for (ClientInstrumentation i : Presets.all()) {
            out.append("| `").append(i.preset()).append("` | ").append(weaves(i.matches()))
                    .append(i.oneCallPerObject() ? "; one call per object" : "").append(" | `").append(i.key())
                    .append("` | ").append(failure(i.failOn())).append(" | ").append(whenOpen(i.whenOpen())).append(" |\n");
        }
        out.append("\n## Support matrix\n\nEach woven cell is a call style tested against the real library by a child JVM that"
                + " runs with\n`-javaagent` and is read over JMX. A style marked **not woven yet** runs without a breaker.\n\n");
        out.append("| client | call style | version tested | how it is judged | test |\n|---|---|---|---|---|\n");
        for (ClientInstrumentation i : Presets.all()) {
            for (CallStyle s : i.styles()) {
                out.append("| ").append(s.client()).append(" | ").append(s.style()).append(" | ").append(s.version())
                        .append(" | ").append(s.outcome()).append(" | ").append(s.test()).append(" |\n");
            }
        }
        out.append("\n## How each preset judges\n\n");
        for (ClientInstrumentation i : Presets.all()) {
            out.append("- **").append(i.preset()).append("** (").append(i.library()).append("): ").append(i.notes())
                    .append("\n");
        }
        return out.toString();
    }

    /**
     * One row per client of each preset: the styles that trip its breaker, the versions and
     * JDKs tested, the tests, and what it does not protect yet.
     */
    static String renderMatrix() {
        StringBuilder out = new StringBuilder("\n");
        out.append("| client | preset | call styles that trip the breaker | versions and JDKs tested | tests"
                + " | not protected yet |\n|---|---|---|---|---|---|\n");
        for (ClientInstrumentation i : Presets.all()) {
            Map<String, List<CallStyle>> byClient = new LinkedHashMap<>();
            for (CallStyle s : i.styles()) {
                byClient.computeIfAbsent(s.client(), k -> new ArrayList<>()).add(s);
            }
            byClient.forEach((client, styles) -> {
                Set<String> tripping = new LinkedHashSet<>();
                Set<String> notYet = new LinkedHashSet<>();
                Set<String> versions = new LinkedHashSet<>();
                Set<String> tests = new LinkedHashSet<>();
                for (CallStyle s : styles) {
                    (s.outcome().startsWith("**not woven yet**") ? notYet : tripping).add(s.style());
                    if (!s.version().isEmpty()) {
                        versions.add(s.version());
                    }
                    Matcher m = TESTED.matcher(s.test());
                    while (m.find()) {
                        tests.add(m.group(1));
                        if (m.group(2) != null) {
                            versions.add("Java " + m.group(2));
                        }
                    }
                }
                out.append("| ").append(client).append(" | `").append(i.preset()).append("` | ")
                        .append(String.join("; ", tripping)).append(" | ").append(String.join("; ", versions))
                        .append(" | ").append(tests.stream().map(t -> "`" + t + "`").collect(Collectors.joining(", ")))
                        .append(" | ").append(String.join("; ", notYet)).append(" |\n");
            });
        }
        return out.toString();
    }

    /** A test named in a style's test cell, with the JDKs it runs on: {@code `PresetsIT` (Java 11, 17, 25)}. */
    private static final Pattern TESTED = Pattern.compile("`(\\w+)`(?:\\s*\\([^)`]*?Java ([0-9, ]+)\\))?");

    private static String weaves(List<MatchSpec> matches) {
        return matches.stream().map(m -> "`" + m.type() + "`" + (m.subtypes() ? " and subtypes" : "") + ": "
                + m.methods().stream().map(n -> "`" + n + "`").collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
    }

    private static String failure(FailOn f) {
        List<String> parts = new ArrayList<>();
        f.exceptions().forEach(e -> parts.add(e.substring(e.lastIndexOf('.') + 1)));
        f.result().stream().map(ResultExpression::toString).forEach(r -> parts.add("`" + r + "`"));
        String failing = String.join(", ", parts);
        List<String> neither = new ArrayList<>();
        f.ignoreSqlStates().forEach(s -> neither.add("SQL state " + s + "xxx"));
        f.ignoreResult().stream().map(ResultExpression::toString).forEach(r -> neither.add("`" + r + "`"));
        return neither.isEmpty() ? failing : failing + " (neither: " + String.join(", ", neither) + ")";
    }

    private static String whenOpen(WhenOpen w) {
        return w instanceof WhenOpen.Throw t ? "`" + t.type() + "`" : String.valueOf(w);
    }
}
