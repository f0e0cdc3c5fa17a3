package dev.tripswitch.engine;

/** Calls pass and are counted; trips on a rate over the window or on failures in a row. */
final class ClosedState extends BreakerState {

    ClosedState(int generation, long enteredNanos, long enteredMillis, String reason, Recent recent) {
        super(generation, enteredNanos, enteredMillis, reason, recent);
    }

    @Override
    State kind() {
        return State.CLOSED;
    }

    @Override
    long acquire(CircuitBreaker breaker, BreakerConfig config, long now) {
        return passPermit;
    }

    @Override
    void onSuccess(CircuitBreaker breaker, BreakerConfig config, long permit, boolean slow, long durationNanos,
                   long now) {
        boolean changed = recent.window.record(Window.outcome(false, slow), now);
        if (recent.consecutiveFailures.get() != 0) {
            recent.consecutiveFailures.set(0);
        }
        if (changed) {
            evaluate(breaker, config, now);
        }
    }

    @Override
    void onFailure(CircuitBreaker breaker, BreakerConfig config, long permit, boolean slow, Throwable failure,
                   long now, long previousFailureNanos) {
        if (idleExpired(config, previousFailureNanos, now)) {
            recent.clear();
        }
        recent.window.record(Window.outcome(true, slow), now);
        int inARow = recent.consecutiveFailures.incrementAndGet();
        int limit = config.consecutiveFailures();
        if (limit > 0 && inARow >= limit) {
            breaker.trip(this, 1, inARow + " consecutive failures", now);
            return;
        }
        evaluate(breaker, config, now);
    }

    /** Trips when, with at least {@code minimumCalls} in the window, a rate reached its threshold. */
    private void evaluate(CircuitBreaker breaker, BreakerConfig config, long now) {
        Window w = recent.window;
        long calls = w.calls();
        if (calls < config.minimumCalls()) {
            return;
        }
        long failures = w.failures();
        if (failures * 100.0 >= config.failureRateThreshold() * calls) {
            if (idleExpired(config, breaker.lastFailureNanos(), now)) {
                recent.clear();
                return;
            }
            breaker.trip(this, 1, "failure rate " + Rates.format(100.0 * failures / calls) + "% >= "
                    + Rates.format(config.failureRateThreshold()) + "% over " + calls + " calls", now);
            return;
        }
        if (config.slowCallNanos() > 0) {
            long slow = w.slowCalls();
            if (slow * 100.0 >= config.slowCallRateThreshold() * calls) {
                breaker.trip(this, 1, "slow call rate " + Rates.format(100.0 * slow / calls) + "% >= "
                        + Rates.format(config.slowCallRateThreshold()) + "% over " + calls + " calls", now);
            }
        }
    }

    private boolean idleExpired(BreakerConfig config, long lastFailureNanos, long now) {
        long idle = config.idleResetNanos();
        return idle > 0 && lastFailureNanos != CircuitBreaker.NEVER && now - lastFailureNanos >= idle;
    }

    @Override
    void refresh(CircuitBreaker breaker, BreakerConfig config, long now) {
        recent.window.expire(now);
        if (recent.window.failures() > 0 || recent.consecutiveFailures.get() > 0) {
            if (idleExpired(config, breaker.lastFailureNanos(), now)) {
                recent.clear();
            }
        }
    }
}
