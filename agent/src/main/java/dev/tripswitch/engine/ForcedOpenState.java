package dev.tripswitch.engine;

/** An operator opened the breaker: everything is rejected until reset. */
final class ForcedOpenState extends BreakerState {

    ForcedOpenState(int generation, long enteredNanos, long enteredMillis, String reason, Recent recent) {
        super(generation, enteredNanos, enteredMillis, reason, recent);
    }

    @Override
    State kind() {
        return State.FORCED_OPEN;
    }

    @Override
    long acquire(CircuitBreaker breaker, BreakerConfig config, long now) {
        return breaker.rejectOrPass(this);
    }

    /** Never by time: {@link CircuitBreaker#UNTIL_RESET}. */
    @Override
    long retryAfterNanos(BreakerConfig config, long now) {
        return CircuitBreaker.UNTIL_RESET;
    }
}
