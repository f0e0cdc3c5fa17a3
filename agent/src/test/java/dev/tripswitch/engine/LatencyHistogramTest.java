package dev.tripswitch.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyHistogramTest {

    @Test
    void quantilesAreWithinTheBucketError() {
        LatencyHistogram h = new LatencyHistogram();
        for (int ms = 1; ms <= 1000; ms++) {
            h.record(ms * 1_000_000L);
        }
        assertNear(500e6, h.quantileNanos(0.5), 0.07);
        assertNear(990e6, h.quantileNanos(0.99), 0.07);
    }

    @Test
    void emptyHistogramHasNoQuantile() {
        assertEquals(-1, new LatencyHistogram().quantileNanos(0.99));
    }

    @Test
    void bucketsCoverEveryValueInOrder() {
        long previous = -1;
        for (int i = 0; i < LatencyHistogram.BUCKETS - 1; i++) {
            long lo = LatencyHistogram.lowerBound(i);
            assertTrue(lo > previous || i == 0);
            assertEquals(i, LatencyHistogram.indexOf(lo));
            assertEquals(i, LatencyHistogram.indexOf(LatencyHistogram.upperBound(i) - 1));
            previous = lo;
        }
        assertEquals(LatencyHistogram.BUCKETS - 1, LatencyHistogram.indexOf(Long.MAX_VALUE));
        assertEquals(0, LatencyHistogram.indexOf(-5));
    }

    @Test
    void quantilesDescribeTheRecentPast() {
        LatencyHistogram h = new LatencyHistogram();
        long now = 0;
        for (int i = 0; i < 10_000; i++) {
            h.record(1_000_000L); // an hour of 1 ms calls
        }
        h.roll(now);
        h.roll(now += LatencyHistogram.ROLL_NANOS); // the old calls are now the baseline
        for (int i = 0; i < 100; i++) {
            h.record(500_000_000L); // an incident: 500 ms
        }
        assertNear(500e6, h.quantileNanos(0.5), 0.07);
    }

    private static void assertNear(double expected, long actual, double relative) {
        assertTrue(Math.abs(actual - expected) <= expected * relative, "expected ~" + expected + " but was " + actual);
    }
}
