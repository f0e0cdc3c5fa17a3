package dev.tripswitch.engine;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one builder: values nobody set adapt; values that were set are checked against each other. */
class BreakerConfigBuilderTest {

    @Test
    void backoffMaxFollowsOpenForUnlessSet() {
        BreakerConfig c = BreakerConfig.builder().openForNanos(TimeUnit.HOURS.toNanos(1)).build();
        assertEquals(TimeUnit.HOURS.toNanos(1), c.backoff().maxNanos());
        BreakerConfig shortOpen = BreakerConfig.builder().openForNanos(TimeUnit.SECONDS.toNanos(1)).build();
        assertEquals(TimeUnit.MINUTES.toNanos(5), shortOpen.backoff().maxNanos(), "the documented 5m stays");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BreakerConfig.builder()
                .backoffMaxNanos(TimeUnit.MINUTES.toNanos(1)).openForNanos(TimeUnit.MINUTES.toNanos(2)).build());
        assertTrue(e.getMessage().contains("backoff.max (60000ms) is shorter than openFor (120000ms)"), e.getMessage());
    }

    @Test
    void minimumCallsFollowsACountWindowUnlessSet() {
        assertEquals(3, BreakerConfig.builder().window(new WindowConfig.Count(3)).build().minimumCalls());
        assertThrows(IllegalArgumentException.class,
                () -> BreakerConfig.builder().minimumCalls(4).window(new WindowConfig.Count(3)).build());
    }

    @Test
    void aCopyKeepsWhatWasSet() {
        BreakerConfig.Builder defaults = BreakerConfig.builder().minimumCalls(20);
        BreakerConfig.Builder breaker = defaults.copy().window(new WindowConfig.Count(10));
        assertThrows(IllegalArgumentException.class, breaker::build, "minimumCalls 20 was written, so it is not lowered");
        assertEquals(20, defaults.build().minimumCalls(), "the copy does not change the original");
    }

    @Test
    void toBuilderRoundTrips() {
        BreakerConfig c = Configs.count(50, 7);
        assertEquals(c, c.toBuilder().build());
        assertEquals(BreakerConfig.DEFAULTS, BreakerConfig.builder().build());
    }

    @Test
    void aLongerOpenForFromJmxRaisesAnUnsetCap() {
        BreakerConfig c = BreakerConfig.DEFAULTS.toBuilder().openForNanos(TimeUnit.MINUTES.toNanos(10)).build();
        assertEquals(TimeUnit.MINUTES.toNanos(10), c.backoff().maxNanos());
    }

    @Test
    void shortTimeWindowsGetFewerBuckets() {
        assertEquals(10, WindowConfig.Time.defaultBuckets(TimeUnit.SECONDS.toNanos(10)));
        assertEquals(5, WindowConfig.Time.defaultBuckets(TimeUnit.MILLISECONDS.toNanos(50)));
        assertEquals(1, WindowConfig.Time.defaultBuckets(TimeUnit.MILLISECONDS.toNanos(10)));
    }
}
