package dev.tripswitch.engine;

import java.util.concurrent.TimeUnit;

/** Short ways to write the configs the tests need, starting from the documented defaults. */
final class Configs {
    private Configs() {
    }

    static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** Count window of {@code size}, {@code minimumCalls}, failure rate 50%, no consecutive-failure rule. */
    static BreakerConfig count(int size, int minimumCalls) {
        BreakerConfig d = BreakerConfig.DEFAULTS;
        return new BreakerConfig(Mode.ENFORCE, 50, 0, 100, minimumCalls, 0, new WindowConfig.Count(size),
                ms(1000), new BreakerConfig.Backoff(1, ms(60_000)), new BreakerConfig.HalfOpen(2, 2, ms(5000)),
                d.idleResetNanos());
    }

    static BreakerConfig withHalfOpen(BreakerConfig c, int calls, int successes, long maxWaitMillis) {
        return new BreakerConfig(c.mode(), c.failureRateThreshold(), c.slowCallNanos(), c.slowCallRateThreshold(),
                c.minimumCalls(), c.consecutiveFailures(), c.window(), c.openForNanos(), c.backoff(),
                new BreakerConfig.HalfOpen(calls, successes, ms(maxWaitMillis)), c.idleResetNanos());
    }

    static BreakerConfig withBackoff(BreakerConfig c, double multiplier, long maxMillis) {
        return new BreakerConfig(c.mode(), c.failureRateThreshold(), c.slowCallNanos(), c.slowCallRateThreshold(),
                c.minimumCalls(), c.consecutiveFailures(), c.window(), c.openForNanos(),
                new BreakerConfig.Backoff(multiplier, ms(maxMillis)), c.halfOpen(), c.idleResetNanos());
    }

    static BreakerConfig withSlow(BreakerConfig c, long slowMillis, double slowRate) {
        return new BreakerConfig(c.mode(), c.failureRateThreshold(), ms(slowMillis), slowRate, c.minimumCalls(),
                c.consecutiveFailures(), c.window(), c.openForNanos(), c.backoff(), c.halfOpen(), c.idleResetNanos());
    }

    static BreakerConfig withIdleReset(BreakerConfig c, long idleMillis) {
        return new BreakerConfig(c.mode(), c.failureRateThreshold(), c.slowCallNanos(), c.slowCallRateThreshold(),
                c.minimumCalls(), c.consecutiveFailures(), c.window(), c.openForNanos(), c.backoff(), c.halfOpen(),
                ms(idleMillis));
    }

    static BreakerConfig withWindow(BreakerConfig c, WindowConfig w) {
        return new BreakerConfig(c.mode(), c.failureRateThreshold(), c.slowCallNanos(), c.slowCallRateThreshold(),
                c.minimumCalls(), c.consecutiveFailures(), w, c.openForNanos(), c.backoff(), c.halfOpen(),
                c.idleResetNanos());
    }
}
