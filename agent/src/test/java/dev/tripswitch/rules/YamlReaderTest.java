package dev.tripswitch.rules;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The typed values of a rules file, each wrong one a problem at its line and column. */
class YamlReaderTest {

    @Test
    void durationsRatesAndNumbers() {
        YamlReader y = Nodes.reader();
        assertEquals(250_000_000L, y.duration(Nodes.of("250ms"), "d", false));
        assertEquals(3_600_000_000_000L, y.duration(Nodes.of("1h"), "d", false));
        assertEquals(0L, y.duration(Nodes.of("0"), "d", true));
        assertEquals(50.0, y.rate(Nodes.of("50%"), "r"));
        assertEquals(12.5, y.rate(Nodes.of("12.5"), "r"));
        assertEquals(7, y.integer(Nodes.of("7"), "i", 1, 10));
        assertEquals(0, y.problemCount());
    }

    @Test
    void badValuesAreProblemsWithPositions() {
        YamlReader y = Nodes.reader();
        assertNull(y.duration(Nodes.of("\n  30 seconds"), "openFor", false));
        assertNull(y.rate(Nodes.of("150%"), "failureRate"));
        assertNull(y.integer(Nodes.of("11"), "calls", 1, 10));
        assertNull(y.duration(Nodes.of("0"), "openFor", false));
        List<Problem> p = y.problems();
        assertEquals(4, p.size(), p.toString());
        assertEquals("rules.yml:2:3: openFor '30 seconds' is not a duration: write a whole number and a unit, 250ms, 30s,"
                + " 5m or 1h", p.get(0).toString());
        assertTrue(p.get(1).message().contains("must be more than 0% and at most 100%"));
        assertTrue(p.get(2).message().contains("must be from 1 to 10"));
    }

    @Test
    void environmentVariablesAreSubstitutedOrNamed() {
        YamlReader y = Nodes.reader();
        assertEquals("Bearer s3cret", y.string(Nodes.of("Bearer ${TOKEN}"), "t"));
        assertNull(y.string(Nodes.of("${NOPE}"), "t"));
        assertTrue(y.problems().get(0).message().contains("the environment variable NOPE is not set"));
    }

    @Test
    void unknownKeysSuggestTheClosestAndAMisspeltKeyIsNotAlsoMissing() {
        YamlReader y = Nodes.reader();
        YamlMapping m = (YamlMapping) Nodes.of("methdos: [a]\ntype: x");
        assertEquals(List.of("type"), List.copyOf(y.fields(m, "match", List.of("type", "methods")).keySet()));
        y.missing(m, "methods", "match has no 'methods'");
        assertEquals(1, y.problemCount(), y.problems().toString());
        assertTrue(y.problems().get(0).message().contains("unknown key 'methdos' in match; did you mean 'methods'?"));
    }
}
