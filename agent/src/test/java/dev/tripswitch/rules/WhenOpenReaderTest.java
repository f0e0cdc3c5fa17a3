package dev.tripswitch.rules;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** whenOpen: exactly one of throw, return, call, lastGood. */
class WhenOpenReaderTest {

    @Test
    void eachKind() {
        YamlReader y = Nodes.reader();
        WhenOpenReader r = new WhenOpenReader(y);
        assertEquals(new WhenOpen.Throw("java.net.ConnectException"), r.whenOpen(Nodes.of("throw: java.net.ConnectException"), "w"));
        assertEquals(new WhenOpen.Return(42L, false), r.whenOpen(Nodes.of("return: 42"), "w"));
        assertEquals(new WhenOpen.Return(null, true), r.whenOpen(Nodes.of("return: empty"), "w"));
        assertEquals(new WhenOpen.Call("com.acme.F", "charge"), r.whenOpen(Nodes.of("call: com.acme.F#charge"), "w"));
        assertEquals(new WhenOpen.LastGood(60_000_000_000L, 5), r.whenOpen(Nodes.of("lastGood: {ttl: 1m, max: 5}"), "w"));
        assertEquals(0, y.problemCount(), y.problems().toString());
    }

    @Test
    void aReturnValueIsTypedAsYamlReadsIt() {
        YamlReader y = Nodes.reader();
        WhenOpenReader r = new WhenOpenReader(y);
        assertEquals(new WhenOpen.Return(null, false), r.whenOpen(Nodes.of("return: null"), "w"));
        assertEquals(new WhenOpen.Return(null, false), r.whenOpen(Nodes.of("return: ~"), "w"));
        assertEquals(new WhenOpen.Return(null, false), r.whenOpen(Nodes.of("return:"), "w"));
        assertEquals(new WhenOpen.Return("null", false), r.whenOpen(Nodes.of("return: 'null'"), "w"));
        assertEquals(new WhenOpen.Return(true, false), r.whenOpen(Nodes.of("return: true"), "w"));
        assertEquals(new WhenOpen.Return(false, false), r.whenOpen(Nodes.of("return: off"), "w"));
        assertEquals(new WhenOpen.Return(true, false), r.whenOpen(Nodes.of("return: Yes"), "w"));
        assertEquals(new WhenOpen.Return("true", false), r.whenOpen(Nodes.of("return: \"true\""), "w"));
        assertEquals(new WhenOpen.Return(-1L, false), r.whenOpen(Nodes.of("return: -1"), "w"));
        assertEquals(new WhenOpen.Return(1_000_000L, false), r.whenOpen(Nodes.of("return: 1_000_000"), "w"));
        assertEquals(new WhenOpen.Return(255L, false), r.whenOpen(Nodes.of("return: 0xff"), "w"));
        assertEquals(new WhenOpen.Return("42", false), r.whenOpen(Nodes.of("return: '42'"), "w"));
        assertEquals(new WhenOpen.Return("42", false), r.whenOpen(Nodes.of("return: !!str 42"), "w"));
        assertEquals(new WhenOpen.Return(42L, false), r.whenOpen(Nodes.of("return: !!int '42'"), "w"));
        assertEquals(new WhenOpen.Return(0.5, false), r.whenOpen(Nodes.of("return: .5"), "w"));
        assertEquals(new WhenOpen.Return(-2000.0, false), r.whenOpen(Nodes.of("return: -2e3"), "w"));
        assertEquals(new WhenOpen.Return(Double.POSITIVE_INFINITY, false), r.whenOpen(Nodes.of("return: .inf"), "w"));
        assertEquals(new WhenOpen.Return("1d", false), r.whenOpen(Nodes.of("return: 1d"), "w"));
        assertEquals(new WhenOpen.Return("Bearer s3cret", false), r.whenOpen(Nodes.of("return: Bearer ${TOKEN}"), "w"));
        assertEquals(new WhenOpen.Return("empty", false), r.whenOpen(Nodes.of("return: 'empty'"), "w"));
        assertEquals(0, y.problemCount(), y.problems().toString());
    }

    @Test
    void aNumberTooLargeOrATagThatDoesNotFitIsAProblemWhereItIsWritten() {
        YamlReader y = Nodes.reader();
        WhenOpenReader r = new WhenOpenReader(y);
        assertEquals(new WhenOpen.Return(null, false), r.whenOpen(Nodes.of("return: 99999999999999999999"), "w"));
        assertEquals(new WhenOpen.Return(null, false), r.whenOpen(Nodes.of("return: !!bool maybe"), "w.return"));
        assertEquals(2, y.problemCount(), y.problems().toString());
        assertEquals("w.return: '99999999999999999999' is not a whole number that fits in 64 bits", y.problems().get(0).message());
        assertEquals(9, y.problems().get(0).column());
        assertTrue(y.problems().get(1).message().contains("'maybe' is not true or false"), y.problems().get(1).message());
    }

    @Test
    void twoKindsOrABadTargetAreProblems() {
        YamlReader y = Nodes.reader();
        WhenOpenReader r = new WhenOpenReader(y);
        assertEquals(WhenOpen.DEFAULT, r.whenOpen(Nodes.of("{throw: java.io.IOException, return: 1}"), "w"));
        assertEquals(WhenOpen.DEFAULT, r.whenOpen(Nodes.of("call: charge"), "w"));
        assertEquals(2, y.problemCount(), y.problems().toString());
        assertTrue(y.problems().get(0).message().contains("needs exactly one of throw, return, call or lastGood (it has throw, return)"));
        assertTrue(y.problems().get(1).message().contains("must be Class#method"));
    }
}
