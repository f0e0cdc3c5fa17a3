package dev.tripswitch.engine;

/**
 * What one breaker has counted, read on demand by the views (JMX, {@code /api/breakers},
 * Prometheus, the logs): totals since it was made, its window's rates, its latencies, its
 * last failure. Kept apart from {@link CircuitBreaker}, the way Resilience4j keeps its
 * {@code Metrics}: the breaker is the call path and its transitions; this is what is read of
 * it. A view over the breaker's own counters, made by {@link CircuitBreaker#metrics()}, so
 * a breaker carries no second object for it.
 */
public final class BreakerMetrics {
    private final CircuitBreaker b;

    BreakerMetrics(CircuitBreaker breaker) {
        this.b = breaker;
    }

    /** Percent of failed calls in the window, or -1 below {@code minimumCalls}. */
    public double failureRate() {
        return rate(false);
    }

    /** Percent of slow calls in the window, or -1 below {@code minimumCalls}. */
    public double slowCallRate() {
        return rate(true);
    }

    private double rate(boolean slow) {
        Window w = b.currentWindow();
        long calls = w.calls();
        if (calls == 0 || calls < b.config.minimumCalls()) {
            return -1;
        }
        return 100.0 * (slow ? w.slowCalls() : w.failures()) / calls;
    }

    public long windowCalls() {
        return b.currentWindow().calls();
    }

    public long windowFailures() {
        return b.currentWindow().failures();
    }

    public long windowSlowCalls() {
        return b.currentWindow().slowCalls();
    }

    /** Every call that reached the breaker: successes + failures + ignored + rejected. */
    public long totalCalls() {
        return b.successes.sum() + b.failures.sum() + b.ignored + b.rejected.sum();
    }

    public long totalSuccesses() {
        return b.successes.sum();
    }

    public long totalFailures() {
        return b.failures.sum();
    }

    public long totalIgnored() {
        return b.ignored;
    }

    public long totalSlowCalls() {
        return b.slowCalls;
    }

    public long totalRejected() {
        return b.rejected.sum();
    }

    /** Retries started after failed calls of this breaker. */
    public long totalRetries() {
        return b.retries;
    }

    /** Calls rejected because {@code maxConcurrent} were in flight. */
    public long totalBulkheadRejected() {
        return b.bulkheadRejected;
    }

    /**
     * Calls holding a bulkhead slot now. The counter also holds, for an instant, each call
     * being turned away (it counts itself in, sees the limit passed and counts itself out),
     * so it is capped at the limit: a user who set 2 never reads 3.
     */
    public int inFlight() {
        int max = b.config.maxConcurrent();
        int counted = b.inFlight;
        return max > 0 ? Math.min(counted, max) : counted;
    }

    /** Calls that {@code mode: observe} let through although the breaker would have rejected them. */
    public long wouldReject() {
        return b.wouldReject;
    }

    public int consecutiveFailures() {
        return b.state.recent.consecutiveFailures.get();
    }

    public long timesOpened() {
        return b.timesOpened;
    }

    /** {@code type: message} of the last failure, or null. */
    public String lastFailure() {
        return b.lastFailure;
    }

    /** Wall-clock millis of the last failure, or 0. */
    public long lastFailureAtMillis() {
        return b.lastFailure == null ? 0 : b.lastFailureMillis;
    }

    /** Wall-clock millis of the last success (to the clock's tick), or 0. */
    public long lastSuccessAtMillis() {
        long at = b.lastSuccessNanos;
        if (at == CircuitBreaker.NEVER) {
            return 0;
        }
        return b.clock.currentTimeMillis() - Math.max(0, b.clock.nanoTime() - at) / 1_000_000L;
    }

    public LatencyHistogram latency() {
        return b.latency;
    }

    /** Recent median duration in ms, or -1 when no call was measured. */
    public double latencyP50Millis() {
        return quantileMillis(0.50);
    }

    /** Recent 99th percentile duration in ms, or -1 when no call was measured. */
    public double latencyP99Millis() {
        return quantileMillis(0.99);
    }

    private double quantileMillis(double q) {
        long nanos = b.latency.quantileNanos(q);
        return nanos < 0 ? -1 : nanos / 1_000_000.0;
    }

    /** Trial permits held right now (HALF_OPEN only). */
    public int trialCallsInFlight() {
        return b.state instanceof HalfOpenState ? ((HalfOpenState) b.state).inFlight() : 0;
    }

    /** How many listener calls threw (and were contained). */
    public long listenerFailures() {
        return b.listenerFailures;
    }
}
