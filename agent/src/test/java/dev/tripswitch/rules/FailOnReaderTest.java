package dev.tripswitch.rules;

import java.util.List;

import dev.tripswitch.instrumentation.Presets;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** failOn: what is written replaces the base (the preset's or the default); the rest is kept. */
class FailOnReaderTest {

    @Test
    void writtenPartsReplaceTheBase() {
        YamlReader y = Nodes.reader();
        FailOn base = Presets.get("okhttp").failOn();
        FailOn f = new FailOnReader(y).failOn(Nodes.of("ignore: [java.io.InterruptedIOException]"), "failOn", base);
        assertEquals(base.exceptions(), f.exceptions());
        assertEquals(base.result(), f.result(), "code >= 500 is kept");
        assertEquals(List.of("java.io.InterruptedIOException"), f.ignore());
        f = new FailOnReader(y).failOn(Nodes.of("result: [\"status == 'DOWN'\", \"it == null\"]\nignoreSqlStates: [\"08\"]"),
                "failOn", FailOn.DEFAULTS);
        assertEquals(2, f.result().size());
        assertEquals(List.of("08"), f.ignoreSqlStates());
        assertEquals(0, y.problemCount(), y.problems().toString());
    }

    @Test
    void badClassNamesAndPredicatesAreProblems() {
        YamlReader y = Nodes.reader();
        new FailOnReader(y).failOn(Nodes.of("exceptions: [\"java.io.IOException!\"]\nresult: \"code => 5\""), "failOn",
                FailOn.DEFAULTS);
        assertEquals(2, y.problemCount(), y.problems().toString());
        assertTrue(y.problems().get(0).message().contains("is not a class name"));
        assertTrue(y.problems().get(1).message().contains("is not a result predicate"));
    }
}
