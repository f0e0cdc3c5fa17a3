package dev.tripswitch.engine;

import java.util.concurrent.TimeUnit;

/**
 * Every setting of a breaker (the {@code defaults:} block of docs/rules.md), immutable
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
 * @param maxConcurrent         bulkhead: a call beyond this many in flight (per breaker, so per key) is
 *                              rejected; 0 = off
 * @param timeoutNanos          a call returning a future that has not completed after this long fails
 *                              with a {@code TimeoutException}; 0 = off
 */
public final class BreakerConfig {
    private final Mode mode;
    private final double failureRateThreshold;
    private final long slowCallNanos;
    private final double slowCallRateThreshold;
    private final int minimumCalls;
    private final int consecutiveFailures;
    private final WindowConfig window;
    private final long openForNanos;
    private final Backoff backoff;
    private final HalfOpen halfOpen;
    private final long idleResetNanos;
    private final int maxConcurrent;
    private final long timeoutNanos;

    public Mode mode() {
        return mode;
    }

    public double failureRateThreshold() {
        return failureRateThreshold;
    }

    public long slowCallNanos() {
        return slowCallNanos;
    }

    public double slowCallRateThreshold() {
        return slowCallRateThreshold;
    }

    public int minimumCalls() {
        return minimumCalls;
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    public long openForNanos() {
        return openForNanos;
    }

    public Backoff backoff() {
        return backoff;
    }

    public HalfOpen halfOpen() {
        return halfOpen;
    }

    public long idleResetNanos() {
        return idleResetNanos;
    }

    public int maxConcurrent() {
        return maxConcurrent;
    }

    public long timeoutNanos() {
        return timeoutNanos;
    }

    public WindowConfig window() {
        return window;
    }


    /** The defaults docs/rules.md documents. */
    public static final BreakerConfig DEFAULTS = new BreakerConfig(
            Mode.ENFORCE, 50, 0, 100, 10, 5,
            new WindowConfig.Time(TimeUnit.SECONDS.toNanos(10), 10),
            TimeUnit.SECONDS.toNanos(30),
            new Backoff(1, TimeUnit.MINUTES.toNanos(5)),
            new HalfOpen(2, 2, TimeUnit.SECONDS.toNanos(60)),
            0, 0, 0);

    public BreakerConfig(Mode mode, double failureRateThreshold, long slowCallNanos, double slowCallRateThreshold, int minimumCalls, int consecutiveFailures, WindowConfig window, long openForNanos, Backoff backoff, HalfOpen halfOpen, long idleResetNanos, int maxConcurrent, long timeoutNanos) {
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
        if (window instanceof WindowConfig.Count && minimumCalls > ((WindowConfig.Count) window).size()) {
            WindowConfig.Count count = (WindowConfig.Count) window;
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
            throw new IllegalArgumentException("backoff.max (" + millis(backoff.maxNanos()) + ") is shorter than openFor ("
                    + millis(openForNanos) + "): raise backoff.max or leave it out (it then follows openFor)");
        }
        if (idleResetNanos < 0) {
            throw new IllegalArgumentException("idleReset must be 0 (off) or positive");
        }
        if (timeoutNanos < 0) {
            throw new IllegalArgumentException("timeout must be 0 (off) or positive");
        }
        if (maxConcurrent < 0) {
            throw new IllegalArgumentException("maxConcurrent must be 0 (off) or positive, was " + maxConcurrent);
        }
        this.mode = mode;
        this.failureRateThreshold = failureRateThreshold;
        this.slowCallNanos = slowCallNanos;
        this.slowCallRateThreshold = slowCallRateThreshold;
        this.minimumCalls = minimumCalls;
        this.consecutiveFailures = consecutiveFailures;
        this.window = window;
        this.openForNanos = openForNanos;
        this.backoff = backoff;
        this.halfOpen = halfOpen;
        this.idleResetNanos = idleResetNanos;
        this.maxConcurrent = maxConcurrent;
        this.timeoutNanos = timeoutNanos;
    }

    /** How {@code openFor} grows after each failed trial: {@code openFor * multiplier^(n-1)}, capped. */
    public static final class Backoff {
        private final double multiplier;
        private final long maxNanos;

        public double multiplier() {
            return multiplier;
        }

        public long maxNanos() {
            return maxNanos;
        }

        public Backoff(double multiplier, long maxNanos) {
            if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
                throw new IllegalArgumentException("backoff.multiplier must be at least 1, was " + multiplier);
            }
            if (maxNanos <= 0) {
                throw new IllegalArgumentException("backoff.max must be positive");
            }
            this.multiplier = multiplier;
            this.maxNanos = maxNanos;
        }

        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            if (!(o instanceof Backoff)) {
                return false;
            }
            Backoff other = (Backoff) o;
            return Double.compare(multiplier, other.multiplier) == 0
                && maxNanos == other.maxNanos;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(multiplier, maxNanos);
        }

        @Override
        public String toString() {
            return "Backoff[multiplier=" + multiplier + ", maxNanos=" + maxNanos + "]";
        }
    }

    /**
     * Trial calls in HALF_OPEN: at most {@code calls} at once, {@code successes} of them
     * close the breaker, a permit not returned within {@code maxWaitNanos} is reclaimed.
     */
    public static final class HalfOpen {
        private final int calls;
        private final int successes;
        private final long maxWaitNanos;

        public int calls() {
            return calls;
        }

        public int successes() {
            return successes;
        }

        public long maxWaitNanos() {
            return maxWaitNanos;
        }

        /** Trial slots are encoded in 10 bits of a permit. */
        public static final int MAX_CALLS = 1000;

        public HalfOpen(int calls, int successes, long maxWaitNanos) {
            if (calls < 1 || calls > MAX_CALLS) {
                throw new IllegalArgumentException("halfOpen.calls must be 1.." + MAX_CALLS + ", was " + calls);
            }
            if (successes < 1) {
                throw new IllegalArgumentException("halfOpen.successes must be at least 1, was " + successes);
            }
            if (maxWaitNanos <= 0) {
                throw new IllegalArgumentException("halfOpen.maxWait must be positive");
            }
            this.calls = calls;
            this.successes = successes;
            this.maxWaitNanos = maxWaitNanos;
        }

        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            if (!(o instanceof HalfOpen)) {
                return false;
            }
            HalfOpen other = (HalfOpen) o;
            return calls == other.calls
                && successes == other.successes
                && maxWaitNanos == other.maxWaitNanos;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(calls, successes, maxWaitNanos);
        }

        @Override
        public String toString() {
            return "HalfOpen[calls=" + calls + ", successes=" + successes + ", maxWaitNanos=" + maxWaitNanos + "]";
        }
    }

    /** {@code openFor} after {@code trips} trips since the last close (1 = the first trip). */
    public long openForAfterTrips(int trips) {
        double factor = Math.pow(backoff.multiplier(), Math.max(0, trips - 1));
        double nanos = openForNanos * factor;
        return nanos >= backoff.maxNanos() ? backoff.maxNanos() : (long) nanos;
    }

    /** A builder holding this config's values: change some, build a new one. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A builder starting from {@link #DEFAULTS}. */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /**
     * The one place a config is put together: from the defaults, a file's {@code defaults:}
     * block, a breaker's own keys or a JMX write. Values nobody set adapt to the values
     * that were set, so a default never makes a user's value invalid: {@code backoff.max}
     * rises to {@code openFor}, {@code minimumCalls} falls to a count window's size. Values
     * that were set are checked against each other by {@link #build}.
     */
    public static final class Builder {
        private Mode mode;
        private double failureRate;
        private long slowCallNanos;
        private double slowCallRate;
        private int minimumCalls;
        private boolean minimumCallsSet;
        private int consecutiveFailures;
        private WindowConfig window;
        private long openForNanos;
        private double backoffMultiplier;
        private long backoffMaxNanos;
        private boolean backoffMaxSet;
        private int halfOpenCalls;
        private int halfOpenSuccesses;
        private long halfOpenMaxWaitNanos;
        private long idleResetNanos;
        private int maxConcurrent;
        private long timeoutNanos;

        private Builder(BreakerConfig c) {
            mode = c.mode;
            failureRate = c.failureRateThreshold;
            slowCallNanos = c.slowCallNanos;
            slowCallRate = c.slowCallRateThreshold;
            minimumCalls = c.minimumCalls;
            consecutiveFailures = c.consecutiveFailures;
            window = c.window;
            openForNanos = c.openForNanos;
            backoffMultiplier = c.backoff.multiplier();
            backoffMaxNanos = c.backoff.maxNanos();
            halfOpenCalls = c.halfOpen.calls();
            halfOpenSuccesses = c.halfOpen.successes();
            halfOpenMaxWaitNanos = c.halfOpen.maxWaitNanos();
            idleResetNanos = c.idleResetNanos;
            maxConcurrent = c.maxConcurrent;
            timeoutNanos = c.timeoutNanos;
        }

        /** A builder with the same values, and the same record of which were set. */
        public Builder copy() {
            Builder b = new Builder(DEFAULTS);
            b.mode = mode;
            b.failureRate = failureRate;
            b.slowCallNanos = slowCallNanos;
            b.slowCallRate = slowCallRate;
            b.minimumCalls = minimumCalls;
            b.minimumCallsSet = minimumCallsSet;
            b.consecutiveFailures = consecutiveFailures;
            b.window = window;
            b.openForNanos = openForNanos;
            b.backoffMultiplier = backoffMultiplier;
            b.backoffMaxNanos = backoffMaxNanos;
            b.backoffMaxSet = backoffMaxSet;
            b.halfOpenCalls = halfOpenCalls;
            b.halfOpenSuccesses = halfOpenSuccesses;
            b.halfOpenMaxWaitNanos = halfOpenMaxWaitNanos;
            b.idleResetNanos = idleResetNanos;
            b.maxConcurrent = maxConcurrent;
            b.timeoutNanos = timeoutNanos;
            return b;
        }

        public Builder mode(Mode value) {
            mode = value;
            return this;
        }

        public Builder failureRate(double percent) {
            failureRate = percent;
            return this;
        }

        public Builder slowCallNanos(long value) {
            slowCallNanos = value;
            return this;
        }

        public Builder slowCallRate(double percent) {
            slowCallRate = percent;
            return this;
        }

        public Builder minimumCalls(int value) {
            minimumCalls = value;
            minimumCallsSet = true;
            return this;
        }

        public Builder consecutiveFailures(int value) {
            consecutiveFailures = value;
            return this;
        }

        /** The window so far: a rule's {@code window:} block may change only some of its keys. */
        public WindowConfig window() {
            return window;
        }

        public Builder window(WindowConfig value) {
            window = value;
            return this;
        }

        public Builder openForNanos(long value) {
            openForNanos = value;
            return this;
        }

        public Builder backoffMultiplier(double value) {
            backoffMultiplier = value;
            return this;
        }

        public Builder backoffMaxNanos(long value) {
            backoffMaxNanos = value;
            backoffMaxSet = true;
            return this;
        }

        public Builder halfOpenCalls(int value) {
            halfOpenCalls = value;
            return this;
        }

        public Builder halfOpenSuccesses(int value) {
            halfOpenSuccesses = value;
            return this;
        }

        public Builder halfOpenMaxWaitNanos(long value) {
            halfOpenMaxWaitNanos = value;
            return this;
        }

        public Builder idleResetNanos(long value) {
            idleResetNanos = value;
            return this;
        }

        public Builder maxConcurrent(int value) {
            maxConcurrent = value;
            return this;
        }

        public Builder timeoutNanos(long value) {
            timeoutNanos = value;
            return this;
        }

        /** The config; throws {@link IllegalArgumentException} saying which set values do not fit. */
        public BreakerConfig build() {
            long backoffMax = backoffMaxSet ? backoffMaxNanos : Math.max(backoffMaxNanos, openForNanos);
            int minimum = !minimumCallsSet && window instanceof WindowConfig.Count
                    ? Math.min(minimumCalls, ((WindowConfig.Count) window).size()) : minimumCalls;
            return new BreakerConfig(mode, failureRate, slowCallNanos, slowCallRate, minimum, consecutiveFailures,
                    window, openForNanos, new Backoff(backoffMultiplier, backoffMax),
                    new HalfOpen(halfOpenCalls, halfOpenSuccesses, halfOpenMaxWaitNanos), idleResetNanos, maxConcurrent,
                    timeoutNanos);
        }
    }

    private static String millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos) + "ms";
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

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof BreakerConfig)) {
            return false;
        }
        BreakerConfig other = (BreakerConfig) o;
        return java.util.Objects.equals(mode, other.mode)
            && Double.compare(failureRateThreshold, other.failureRateThreshold) == 0
            && slowCallNanos == other.slowCallNanos
            && Double.compare(slowCallRateThreshold, other.slowCallRateThreshold) == 0
            && minimumCalls == other.minimumCalls
            && consecutiveFailures == other.consecutiveFailures
            && java.util.Objects.equals(window, other.window)
            && openForNanos == other.openForNanos
            && java.util.Objects.equals(backoff, other.backoff)
            && java.util.Objects.equals(halfOpen, other.halfOpen)
            && idleResetNanos == other.idleResetNanos
            && maxConcurrent == other.maxConcurrent
            && timeoutNanos == other.timeoutNanos;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(mode, failureRateThreshold, slowCallNanos, slowCallRateThreshold, minimumCalls, consecutiveFailures, window, openForNanos, backoff, halfOpen, idleResetNanos, maxConcurrent, timeoutNanos);
    }

    @Override
    public String toString() {
        return "BreakerConfig[mode=" + mode + ", failureRateThreshold=" + failureRateThreshold + ", slowCallNanos=" + slowCallNanos + ", slowCallRateThreshold=" + slowCallRateThreshold + ", minimumCalls=" + minimumCalls + ", consecutiveFailures=" + consecutiveFailures + ", window=" + window + ", openForNanos=" + openForNanos + ", backoff=" + backoff + ", halfOpen=" + halfOpen + ", idleResetNanos=" + idleResetNanos + ", maxConcurrent=" + maxConcurrent + ", timeoutNanos=" + timeoutNanos + "]";
    }
}
