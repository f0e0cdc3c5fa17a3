package dev.tripswitch.engine;

/** An operator disabled the breaker: everything passes and is still counted, nothing trips. */
final class DisabledState extends BreakerState {

    DisabledState(int generation, long enteredNanos, long enteredMillis, String reason, Recent recent) {
        super(generation, enteredNanos, enteredMillis, reason, recent);
    }

    @Override
    State kind() {
        return State.DISABLED;
    }

    @Override
    long acquire(CircuitBreaker breaker, BreakerConfig config, long now) {
        return passPermit;
    }

    @Override
    void onSuccess(CircuitBreaker breaker, BreakerConfig config, long permit, boolean slow, long durationNanos,
                   long now) {
        recent.window.record(Window.outcome(false, slow), now);
        recent.consecutiveFailures.set(0);
    }

    @Override
    void onFailure(CircuitBreaker breaker, BreakerConfig config, long permit, boolean slow, Throwable failure,
                   long now, long previousFailureNanos) {
        recent.window.record(Window.outcome(true, slow), now);
        recent.consecutiveFailures.incrementAndGet();
    }

    @Override
    void refresh(CircuitBreaker breaker, BreakerConfig config, long now) {
        recent.window.expire(now);
    }
}
