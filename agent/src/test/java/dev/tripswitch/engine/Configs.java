package dev.tripswitch.engine;

import java.util.concurrent.TimeUnit;

/** Short ways to write the configs the tests need, through the one builder. */
final class Configs {
    private Configs() {
    }

    static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** Count window of {@code size}, {@code minimumCalls}, failure rate 50%, no consecutive-failure rule. */
    static BreakerConfig count(int size, int minimumCalls) {
        return BreakerConfig.builder().failureRate(50).slowCallRate(100).minimumCalls(minimumCalls)
                .consecutiveFailures(0).window(new WindowConfig.Count(size)).openForNanos(ms(1000))
                .backoffMultiplier(1).backoffMaxNanos(ms(60_000))
                .halfOpenCalls(2).halfOpenSuccesses(2).halfOpenMaxWaitNanos(ms(5000)).build();
    }

    static BreakerConfig withHalfOpen(BreakerConfig c, int calls, int successes, long maxWaitMillis) {
        return c.toBuilder().halfOpenCalls(calls).halfOpenSuccesses(successes).halfOpenMaxWaitNanos(ms(maxWaitMillis))
                .build();
    }

    static BreakerConfig withBackoff(BreakerConfig c, double multiplier, long maxMillis) {
        return c.toBuilder().backoffMultiplier(multiplier).backoffMaxNanos(ms(maxMillis)).build();
    }

    static BreakerConfig withSlow(BreakerConfig c, long slowMillis, double slowRate) {
        return c.toBuilder().slowCallNanos(ms(slowMillis)).slowCallRate(slowRate).build();
    }

    static BreakerConfig withIdleReset(BreakerConfig c, long idleMillis) {
        return c.toBuilder().idleResetNanos(ms(idleMillis)).build();
    }

    static BreakerConfig withWindow(BreakerConfig c, WindowConfig w) {
        return c.toBuilder().window(w).build();
    }
}
