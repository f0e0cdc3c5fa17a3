package dev.tripswitch.rules;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.tripswitch.engine.BreakerConfig;
import dev.tripswitch.engine.Mode;
import dev.tripswitch.engine.WindowConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings into the one builder; a window block may change only some keys. */
class SettingsReaderTest {

    private static BreakerConfig read(YamlReader y, BreakerConfig.Builder into, String yaml) {
        YamlMapping m = (YamlMapping) Nodes.of(yaml);
        Map<String, YamlEntry> f = y.fields(m, "b", SettingsReader.SETTING_KEYS);
        SettingsReader s = new SettingsReader(y);
        s.settings(f, into, "b");
        return s.build(into, m, "b");
    }

    @Test
    void everySetting() {
        YamlReader y = Nodes.reader();
        BreakerConfig c = read(y, BreakerConfig.builder(), """
                mode: observe
                failureRate: 25%
                slowCall: 2s
                slowCallRate: 40
                minimumCalls: 3
                consecutiveFailures: 0
                window: {type: count, size: 50}
                openFor: 10s
                backoff: {multiplier: 2, max: 1m}
                halfOpen: {calls: 1, successes: 3, maxWait: 5s}
                idleReset: 1m
                """);
        assertEquals(0, y.problemCount(), y.problems().toString());
        assertEquals(Mode.OBSERVE, c.mode());
        assertEquals(25.0, c.failureRateThreshold());
        assertEquals(TimeUnit.SECONDS.toNanos(2), c.slowCallNanos());
        assertEquals(new WindowConfig.Count(50), c.window());
        assertEquals(new BreakerConfig.Backoff(2, TimeUnit.MINUTES.toNanos(1)), c.backoff());
        assertEquals(new BreakerConfig.HalfOpen(1, 3, TimeUnit.SECONDS.toNanos(5)), c.halfOpen());
        assertEquals(TimeUnit.MINUTES.toNanos(1), c.idleResetNanos());
    }

    @Test
    void aWindowBlockKeepsTheInheritedType() {
        YamlReader y = Nodes.reader();
        BreakerConfig.Builder defaults = BreakerConfig.builder().window(new WindowConfig.Count(100));
        assertEquals(new WindowConfig.Count(30), read(y, defaults, "window: {size: 30}").window());
    }

    @Test
    void writtenValuesThatDoNotFitAreOneProblem() {
        YamlReader y = Nodes.reader();
        assertNull(read(y, BreakerConfig.builder(), "minimumCalls: 10\nwindow: {type: count, size: 5}"));
        assertEquals(1, y.problemCount());
        assertTrue(y.problems().get(0).message().contains("minimumCalls (10) is larger than the count window (5)"));
    }
}
