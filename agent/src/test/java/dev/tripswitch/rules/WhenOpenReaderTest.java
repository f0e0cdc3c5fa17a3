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
