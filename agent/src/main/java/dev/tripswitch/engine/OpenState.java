package dev.tripswitch.engine;

/** Calls are rejected until {@code openFor} has passed; then the breaker goes HALF_OPEN. */
final class OpenState extends BreakerState {
    /** Trips since the last close, for the backoff. */
    final int trips;
    final long openForNanos;
    final long openUntilNanos;

    OpenState(int generation, long enteredNanos, long enteredMillis, String reason, Recent recent, int trips,
              long openForNanos) {
        super(generation, enteredNanos, enteredMillis, reason, recent);
        this.trips = trips;
        this.openForNanos = openForNanos;
        this.openUntilNanos = enteredNanos + openForNanos;
    }

    @Override
    State kind() {
        return State.OPEN;
    }

    boolean expired(long now) {
        return now - openUntilNanos >= 0;
    }

    @Override
    long acquire(CircuitBreaker breaker, BreakerConfig config, long now) {
        if (expired(now)) {
            return breaker.halfOpenAndAcquire(this, now);
        }
        return breaker.rejectOrPass(this);
    }

    @Override
    void refresh(CircuitBreaker breaker, BreakerConfig config, long now) {
        if (expired(now)) {
            breaker.halfOpen(this, now);
        }
    }

    @Override
    long retryAfterNanos(BreakerConfig config, long now) {
        return Math.max(0, openUntilNanos - now);
    }

    @Override
    long openForNanos(BreakerConfig config) {
        return openForNanos;
    }
}
