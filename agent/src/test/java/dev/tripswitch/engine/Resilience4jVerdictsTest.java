package dev.tripswitch.engine;

import java.io.IOException;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The count window judges exactly as Resilience4j's COUNT_BASED window: random traces of
 * successes, failures and slow calls, with long healthy runs (where the window skips its
 * ring), fed to both; after every call both are OPEN or both are not, with the same counts.
 */
class Resilience4jVerdictsTest {
    private static final long SLOW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    @ParameterizedTest(name = "window {0}, minimumCalls {1}, failure rate {2}%, slow rate {3}%")
    @CsvSource({"10, 10, 50, 100", "100, 20, 50, 80", "37, 5, 25, 50", "5, 5, 20, 100", "1000, 100, 10, 30",
            "4096, 500, 5, 100", "5000, 1000, 2, 50"})
    void sameVerdictAfterEveryCall(int size, int minimumCalls, int failureRate, int slowRate) {
        BreakerConfig config = BreakerConfig.builder().window(new WindowConfig.Count(size)).minimumCalls(minimumCalls)
                .failureRate(failureRate).slowCallRate(slowRate).slowCallNanos(SLOW_NANOS).consecutiveFailures(0)
                .build();
        CircuitBreaker ours = new CircuitBreaker("diff", null, config, new FakeClock());
        io.github.resilience4j.circuitbreaker.CircuitBreaker theirs =
                io.github.resilience4j.circuitbreaker.CircuitBreaker.of("diff", CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(size).minimumNumberOfCalls(minimumCalls)
                        .failureRateThreshold(failureRate).slowCallRateThreshold(slowRate)
                        .slowCallDurationThreshold(Duration.ofNanos(SLOW_NANOS)).build());
        SplittableRandom random = new SplittableRandom(size * 31L + minimumCalls);
        int trips = 0;
        for (int phase = 0; phase < 400; phase++) {
            // a healthy run, often longer than the window, then a burst at some failure and slow ratio
            int healthy = random.nextInt(size * 3);
            int burst = random.nextInt(size + 1);
            double failing = random.nextDouble() * failureRate * 2 / 100.0;
            double slowing = random.nextDouble() * slowRate * 2 / 100.0;
            for (int i = 0; i < healthy + burst; i++) {
                boolean failed = i >= healthy && random.nextDouble() < failing;
                boolean slow = i >= healthy && random.nextDouble() < slowing;
                long duration = slow ? SLOW_NANOS * 2 : SLOW_NANOS / 2;
                record(ours, theirs, failed, duration);
                String at = "phase " + phase + ", call " + i;
                assertEquals(theirs.getState() == io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN,
                        ours.state() == State.OPEN, at);
                if (ours.state() == State.OPEN) {
                    trips++;
                    ours.reset();
                    theirs.reset();
                } else {
                    assertEquals(theirs.getMetrics().getNumberOfBufferedCalls(), ours.metrics().windowCalls(), at);
                    assertEquals(theirs.getMetrics().getNumberOfFailedCalls(), ours.metrics().windowFailures(), at);
                    assertEquals(theirs.getMetrics().getNumberOfSlowCalls(), ours.metrics().windowSlowCalls(), at);
                }
            }
        }
        assertEquals(true, trips > 10, "the traces must trip both breakers often; tripped " + trips);
    }

    private static void record(CircuitBreaker ours, io.github.resilience4j.circuitbreaker.CircuitBreaker theirs,
                               boolean failed, long duration) {
        long permit = ours.acquire();
        theirs.acquirePermission();
        if (failed) {
            ours.onFailure(permit, duration, new IOException("boom"));
            theirs.onError(duration, TimeUnit.NANOSECONDS, new IOException("boom"));
        } else {
            ours.onSuccess(permit, duration);
            theirs.onSuccess(duration, TimeUnit.NANOSECONDS);
        }
    }
}
