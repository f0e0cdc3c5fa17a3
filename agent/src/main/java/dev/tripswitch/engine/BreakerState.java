package dev.tripswitch.engine;

/**
 * One state of one breaker, immutable but for its counters. A transition replaces the
 * breaker's state object with a compare-and-set, so each state object decides only
 * about itself and an outcome for an older generation cannot reach it.
 */
abstract class BreakerState {
    final int generation;
    final long enteredNanos;
    final long enteredMillis;
    final String reason;
    final Recent recent;
    /** The permit for a call this state lets through without judging it. */
    final long passPermit;
    final long unjudgedPermit;

    BreakerState(int generation, long enteredNanos, long enteredMillis, String reason, Recent recent) {
        this.generation = generation & Permit.GENERATION_MASK;
        this.enteredNanos = enteredNanos;
        this.enteredMillis = enteredMillis;
        this.reason = reason;
        this.recent = recent;
        this.passPermit = Permit.of(this.generation, Permit.NO_SLOT, 0);
        this.unjudgedPermit = Permit.of(this.generation, Permit.UNJUDGED_SLOT, 0);
    }

    abstract State kind();

    /** A permit, or {@link Permit#REJECTED}. */
    abstract long acquire(CircuitBreaker breaker, BreakerConfig config, long now);

    void onSuccess(CircuitBreaker breaker, BreakerConfig config, long permit, boolean slow, long durationNanos,
                   long now) {
    }

    void onFailure(CircuitBreaker breaker, BreakerConfig config, long permit, boolean slow, Throwable failure,
                   long now, long previousFailureNanos) {
    }

    void onIgnored(long permit) {
    }

    /** Performs the transitions that are due by time alone. */
    void refresh(CircuitBreaker breaker, BreakerConfig config, long now) {
    }

    /** Nanoseconds until calls may pass again; 0 when they pass now. */
    long retryAfterNanos(BreakerConfig config, long now) {
        return 0;
    }

    /** {@code openFor} as the next trip (or this OPEN state) uses it, after backoff. */
    long openForNanos(BreakerConfig config) {
        return config.openForAfterTrips(1);
    }

    @Override
    public String toString() {
        return kind() + "#" + generation;
    }
}
