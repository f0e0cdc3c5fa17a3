package dev.tripswitch.weaving;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What JMX shows of the weaving (Instrumented, UnmatchedRules, UnguardedMethods) follows a reload's rules. */
class WeaveReportTest {
    @Test
    void aReloadForgetsWhatWasWovenForRemovedAndRematchedRulesOnly() {
        WeaveReport report = new WeaveReport(List.of("a", "b", "c"));
        report.woven("a", "com.acme.A#m()");
        report.woven("b", "com.acme.B#m()");
        report.cannotJudge("b", "com.acme.B#later()", "java.util.concurrent.Future");
        report.woven("c", "com.acme.C#m()");

        report.rulesChanged(List.of("a", "b", "d"), List.of("b", "c")); // b re-matched, c removed, d added
        assertEquals(List.of("com.acme.A#m() -> a"), report.instrumented(), "a kept; b and c forgotten");
        assertEquals(List.of("b", "d"), report.unmatched(), "until the retransformation reports them");
        assertEquals(List.of(), report.unjudged());

        report.woven("b", "com.acme.B#other()");
        assertEquals(List.of("com.acme.A#m() -> a", "com.acme.B#other() -> b"), report.instrumented());
    }
}
