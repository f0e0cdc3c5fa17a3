package dev.tripswitch.suggest;

import dev.tripswitch.instrumentation.Presets;
import java.util.List;

import dev.tripswitch.rules.BreakerRule;
import dev.tripswitch.rules.RulesFile;
import dev.tripswitch.rules.RulesLoader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Suggested rules: one per client library used, thresholds from what was seen, and a file that validates. */
class SuggesterTest {
    @Test
    void eachLibraryUsedGetsARuleWhoseThresholdsComeFromItsTraffic() throws Exception {
        String yaml = Suggester.rules(List.of(
                new Observed("jdk-http-client", "payments.acme.com:443", 600, 6, 12.0, 80.0),
                new Observed("jdk-http-client", "rates.acme.com:443", 60, 30, 40.0, 400.0),
                new Observed("jdbc", "db.acme.com:5432", 3000, 0, 1.0, 9.0)), 60);
        RulesFile file = RulesLoader.parse(yaml, "suggested.yml", Presets.catalog());
        List<BreakerRule> rules = file.breakers();
        assertEquals(List.of("jdk-http-client", "jdbc"), rules.stream().map(BreakerRule::name).toList());
        BreakerRule http = rules.get(0);
        assertEquals("jdk-http-client", http.preset());
        assertEquals(2_000_000_000L, http.config().slowCallNanos(), "three times the worst p99 (400 ms), rounded up");
        assertEquals(50.0, http.config().failureRateThreshold(), "36 of 660 calls (5.5%) failed: the usual 50% fits");
        BreakerRule db = rules.get(1);
        assertEquals(200_000_000L, db.config().slowCallNanos(), "at least 100 ms above the p99 (9 ms), rounded up");
        assertEquals(100, db.config().minimumCalls(), "50 calls/s: half a 10 s window, at most 100");
        assertTrue(yaml.contains("# rates.acme.com:443: 60 calls (1.0/s), 50.0% failed, p50 40.0 ms, p99 400.0 ms"), yaml);
        assertTrue(yaml.contains("well above the highest p99 seen (400.0 ms at rates.acme.com:443)"), yaml);
    }

    @Test
    void nothingSeenIsSaidAndStillAValidFile() throws Exception {
        String yaml = Suggester.rules(List.of(), 30);
        assertTrue(yaml.contains("no outbound HTTP or database call was seen"), yaml);
        assertEquals(List.of(), RulesLoader.parse(yaml, "suggested.yml", Presets.catalog()).breakers());
    }

    @Test
    void thresholdsAreRoundFiguresAboveWhatWasSeen() {
        assertEquals(200, Suggester.slowCallMillis(5));
        assertEquals(100, Suggester.slowCallMillis(-1) / 20, "nothing timed: 2 s");
        assertEquals(250, Suggester.slowCallMillis(70));
        assertEquals(5000, Suggester.slowCallMillis(1003));
        assertEquals(50, Suggester.failureRatePercent(4.3));
        assertEquals(55, Suggester.failureRatePercent(30));
        assertEquals(95, Suggester.failureRatePercent(90));
    }
}
