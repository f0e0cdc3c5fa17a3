package dev.tripswitch.instrumentation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        Path docs = Path.of("../docs/presets.md");
        String text = Files.readString(docs);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "docs/presets.md has the markers");
        String rendered = render();
        String current = text.substring(begin + BEGIN.length(), end);
        if (!current.equals(rendered)) {
            Files.writeString(Path.of("target/presets.generated.md"), rendered);
        }
        assertEquals(rendered, current, "docs/presets.md is out of date: paste target/presets.generated.md between"
                + " its markers");
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
