package dev.tripswitch.engine;

import java.util.concurrent.TimeUnit;

/**
 * Every setting of a breaker (the {@code defaults:} block of SPEC section 2), immutable
 * and validated on construction: a config that exists can be used. Durations are in
 * nanoseconds because that is what the hot path compares against.
 *
 * @param mode                  enforce (reject while open) or observe (only report)
 * @param failureRateThreshold  percent of failed calls in the window that trips, in (0, 100]
 * @param slowCallNanos         a call at least this long is slow; 0 turns slow calls off
 * @param slowCallRateThreshold percent of slow calls in the window that trips, in (0, 100]
 * @param minimumCalls          rates are judged only once the window holds this many calls
 * @param consecutiveFailures   trips after this many failures in a row; 0 turns it off
 * @param window                the window the rates are computed over
 * @param openForNanos          time in OPEN before trial calls are let through
 * @param backoff               growth of {@code openFor} on each re-trip from HALF_OPEN
 * @param halfOpen              trial calls in HALF_OPEN
 * @param idleResetNanos        in CLOSED, forget counted failures after this long without one; 0 = off
 */
public record BreakerConfig(
        Mode mode,
        double failureRateThreshold,
        long slowCallNanos,
        double slowCallRateThreshold,
        int minimumCalls,
        int consecutiveFailures,
        WindowConfig window,
        long openForNanos,
        Backoff backoff,
        HalfOpen halfOpen,
        long idleResetNanos) {

    /** The defaults SPEC section 2 documents. */
    public static final BreakerConfig DEFAULTS = new BreakerConfig(
            Mode.ENFORCE, 50, 0, 100, 10, 5,
            new WindowConfig.Time(TimeUnit.SECONDS.toNanos(10), 10),
            TimeUnit.SECONDS.toNanos(30),
            new Backoff(1, TimeUnit.MINUTES.toNanos(5)),
            new HalfOpen(2, 2, TimeUnit.SECONDS.toNanos(60)),
            0);

    public BreakerConfig {
        requireNonNull(mode, "mode");
        requireNonNull(window, "window");
        requireNonNull(backoff, "backoff");
        requireNonNull(halfOpen, "halfOpen");
        requireRate(failureRateThreshold, "failureRate");
        requireRate(slowCallRateThreshold, "slowCallRate");
        if (slowCallNanos < 0) {
            throw new IllegalArgumentException("slowCall must be 0 (off) or positive");
        }
        if (minimumCalls < 1) {
            throw new IllegalArgumentException("minimumCalls must be at least 1, was " + minimumCalls);
        }
        if (window instanceof WindowConfig.Count count && minimumCalls > count.size()) {
            throw new IllegalArgumentException("minimumCalls (" + minimumCalls + ") is larger than the count window ("
                    + count.size() + "): the breaker could never trip on its rates");
        }
        if (consecutiveFailures < 0) {
            throw new IllegalArgumentException("consecutiveFailures must be 0 (off) or positive");
        }
        if (openForNanos <= 0) {
            throw new IllegalArgumentException("openFor must be positive");
        }
        if (backoff.maxNanos() < openForNanos) {
            throw new IllegalArgumentException("backoff.max must be at least openFor");
        }
        if (idleResetNanos < 0) {
            throw new IllegalArgumentException("idleReset must be 0 (off) or positive");
        }
    }

    /** How {@code openFor} grows after each failed trial: {@code openFor * multiplier^(n-1)}, capped. */
    public record Backoff(double multiplier, long maxNanos) {
        public Backoff {
            if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
                throw new IllegalArgumentException("backoff.multiplier must be at least 1, was " + multiplier);
            }
            if (maxNanos <= 0) {
                throw new IllegalArgumentException("backoff.max must be positive");
            }
        }
    }

    /**
     * Trial calls in HALF_OPEN: at most {@code calls} at once, {@code successes} of them
     * close the breaker, a permit not returned within {@code maxWaitNanos} is reclaimed.
     */
    public record HalfOpen(int calls, int successes, long maxWaitNanos) {
        /** Trial slots are encoded in 10 bits of a permit. */
        public static final int MAX_CALLS = 1000;

        public HalfOpen {
            if (calls < 1 || calls > MAX_CALLS) {
                throw new IllegalArgumentException("halfOpen.calls must be 1.." + MAX_CALLS + ", was " + calls);
            }
            if (successes < 1) {
                throw new IllegalArgumentException("halfOpen.successes must be at least 1, was " + successes);
            }
            if (maxWaitNanos <= 0) {
                throw new IllegalArgumentException("halfOpen.maxWait must be positive");
            }
        }
    }

    /** {@code openFor} after {@code trips} trips since the last close (1 = the first trip). */
    public long openForAfterTrips(int trips) {
        double factor = Math.pow(backoff.multiplier(), Math.max(0, trips - 1));
        double nanos = openForNanos * factor;
        return nanos >= backoff.maxNanos() ? backoff.maxNanos() : (long) nanos;
    }

    public BreakerConfig withMode(Mode value) {
        return new BreakerConfig(value, failureRateThreshold, slowCallNanos, slowCallRateThreshold, minimumCalls,
                consecutiveFailures, window, openForNanos, backoff, halfOpen, idleResetNanos);
    }

    public BreakerConfig withFailureRateThreshold(double value) {
        return new BreakerConfig(mode, value, slowCallNanos, slowCallRateThreshold, minimumCalls,
                consecutiveFailures, window, openForNanos, backoff, halfOpen, idleResetNanos);
    }

    public BreakerConfig withSlowCallNanos(long value) {
        return new BreakerConfig(mode, failureRateThreshold, value, slowCallRateThreshold, minimumCalls,
                consecutiveFailures, window, openForNanos, backoff, halfOpen, idleResetNanos);
    }

    public BreakerConfig withMinimumCalls(int value) {
        return new BreakerConfig(mode, failureRateThreshold, slowCallNanos, slowCallRateThreshold, value,
                consecutiveFailures, window, openForNanos, backoff, halfOpen, idleResetNanos);
    }

    public BreakerConfig withConsecutiveFailures(int value) {
        return new BreakerConfig(mode, failureRateThreshold, slowCallNanos, slowCallRateThreshold, minimumCalls,
                value, window, openForNanos, backoff, halfOpen, idleResetNanos);
    }

    /** A new base {@code openFor}; the backoff cap is raised with it if it would fall below. */
    public BreakerConfig withOpenForNanos(long value) {
        Backoff b = backoff.maxNanos() < value ? new Backoff(backoff.multiplier(), value) : backoff;
        return new BreakerConfig(mode, failureRateThreshold, slowCallNanos, slowCallRateThreshold, minimumCalls,
                consecutiveFailures, window, value, b, halfOpen, idleResetNanos);
    }

    private static void requireRate(double rate, String name) {
        if (!(rate > 0 && rate <= 100)) {
            throw new IllegalArgumentException(name + " must be more than 0% and at most 100%, was " + rate + "%");
        }
    }

    private static void requireNonNull(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
