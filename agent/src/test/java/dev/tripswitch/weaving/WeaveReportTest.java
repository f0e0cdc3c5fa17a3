package dev.tripswitch.weaving;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What JMX shows of the weaving (Instrumented, UnmatchedRules, UnguardedMethods) follows a reload's rules. */
class WeaveReportTest {
    @Test
    void aReloadForgetsWhatWasWovenForRemovedAndRematchedRulesOnly() {
        WeaveReport report = new WeaveReport(List.of("a", "b", "c"));
        report.woven("a", "com.acme.A#m()");
        report.woven("b", "com.acme.B#m()");
        report.cannotJudge("b", "com.acme.B#later()", "returns java.util.concurrent.Future");
        report.woven("c", "com.acme.C#m()");

        report.rulesChanged(List.of("a", "b", "d"), List.of("b", "c")); // b re-matched, c removed, d added
        assertEquals(List.of("com.acme.A#m() -> a"), report.instrumented(), "a kept; b and c forgotten");
        assertEquals(List.of("b", "d"), report.unmatched(), "until the retransformation reports them");
        assertEquals(List.of(), report.unjudged());

        report.woven("b", "com.acme.B#other()");
        assertEquals(List.of("com.acme.A#m() -> a", "com.acme.B#other() -> b"), report.instrumented());
    }

    @Test
    void aRulesMethodsReadSortedWhateverOrderTheyWereWovenIn() {
        WeaveReport report = new WeaveReport(List.of("db"));
        report.woven("db", "org.h2.jdbc.JdbcStatement#executeQuery(java.lang.String)");
        report.woven("db", "org.h2.jdbc.JdbcConnection#prepareStatement(java.lang.String)");
        report.woven("db", "org.h2.jdbc.JdbcStatement#executeQuery(java.lang.String)"); // woven again: a retransformation

        assertEquals(List.of("org.h2.jdbc.JdbcConnection#prepareStatement(java.lang.String)",
                "org.h2.jdbc.JdbcStatement#executeQuery(java.lang.String)"), report.targets("db"));
        assertEquals(List.of(), report.targets("other"));
    }

    @Test
    void anUnjudgedOrUntimedMethodIsToldOnceAndReadPerRule() {
        WeaveReport report = new WeaveReport(List.of("http"));
        assertTrue(report.cannotJudge("http", "com.acme.C#later()", "returns java.util.concurrent.Future"), "the log says it once");
        assertFalse(report.cannotJudge("http", "com.acme.C#later()", "returns java.util.concurrent.Future"));
        assertTrue(report.timeoutIgnored("http", "com.acme.C#call()", "int"));
        assertFalse(report.timeoutIgnored("http", "com.acme.C#call()", "int"));

        assertEquals(java.util.Map.of("com.acme.C#later()", "returns java.util.concurrent.Future"), report.unjudged("http"));
        assertEquals(java.util.Map.of("com.acme.C#call()", "int"), report.untimed("http"));
        assertEquals(List.of("com.acme.C#later() -> http: cannot judge, returns java.util.concurrent.Future"),
                report.unjudged());
    }
}
