package dev.tripswitch.rules;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The retry schedule: Resilience4j Retry's without jitter, and within its bounds with jitter. */
class RetrySpecTest {
    private static RetrySpec spec(int attempts, long delayMs, double multiplier, long maxDelayMs, double jitter) {
        return new RetrySpec(attempts, delayMs * 1_000_000, multiplier,
                maxDelayMs == Long.MAX_VALUE ? Long.MAX_VALUE : maxDelayMs * 1_000_000, jitter, List.of(), true);
    }

    @Test
    void withoutJitterTheWaitsAreResilience4jRetrysExponentialBackoff() {
        long[][] settings = {{100, 2, 2000}, {500, 1, Long.MAX_VALUE}, {50, 3, 1000}, {250, 1, 250}, {10, 10, 5000}};
        for (long[] s : settings) {
            double multiplier = s[1];
            RetrySpec ours = spec(10, s[0], multiplier, s[2], 0);
            IntervalFunction theirs = s[2] == Long.MAX_VALUE
                    ? IntervalFunction.ofExponentialBackoff(Duration.ofMillis(s[0]), multiplier)
                    : IntervalFunction.ofExponentialBackoff(Duration.ofMillis(s[0]), multiplier, Duration.ofMillis(s[2]));
            Retry.AsyncContext<Object> retry = Retry.of("r4j", RetryConfig.custom().maxAttempts(10)
                    .intervalFunction(theirs).build()).asyncContext();
            for (int n = 1; n <= 9; n++) {
                long r4j = retry.onError(new java.io.IOException("down")); // the wait Retry would schedule
                assertEquals(r4j, ours.delayNanos(n, 0.7) / 1_000_000,
                        "retry " + n + " with delay " + s[0] + "ms x" + s[1] + " up to " + s[2] + "ms");
            }
        }
    }

    @Test
    void withJitterEveryWaitStaysWithinItsBoundsAndUsesThemAll() {
        RetrySpec r = spec(5, 100, 2, 1000, 20);
        Random random = new Random(42);
        for (int n = 1; n <= 4; n++) {
            long base = Math.min(100L << (n - 1), 1000) * 1_000_000;
            long low = base - base / 5;
            long high = base + base / 5;
            long min = Long.MAX_VALUE;
            long max = 0;
            for (int i = 0; i < 1000; i++) {
                long wait = r.delayNanos(n, random.nextDouble());
                assertTrue(wait >= low && wait <= high, "retry " + n + ": " + wait + " not in [" + low + ", " + high + "]");
                min = Math.min(min, wait);
                max = Math.max(max, wait);
            }
            assertTrue(min < base - base / 10 && max > base + base / 10, "jitter spreads the waits: " + min + ".." + max);
            assertEquals(low, r.bounds(n)[0]);
            assertEquals(high, r.bounds(n)[1]);
        }
    }

    @Test
    void describesItselfForCheck() {
        assertEquals("3 attempts, waits 100ms x2 up to 2000ms ±20%, on the failOn exceptions",
                spec(3, 100, 2, 2000, 20).describe());
    }
}
