package dev.tripswitch.rules;

/**
 * A breaker's {@code chaos:} block, for drills: before a share of the calls, wait
 * ({@code latency}, for {@code latencyRate} of them) and fail a share ({@code failureRate})
 * with {@code exception}, as if the dependency had. Active only while {@code agent.chaos}
 * is true (and JMX {@code Agent.ChaosEnabled} has not switched it off).
 *
 * @param failureRatePercent share of calls failed, 0..100
 * @param exception          the exception type thrown (or failing the future)
 * @param latencyNanos       added before the call; 0 = none
 * @param latencyRatePercent share of calls delayed, 0..100
 */
public final class ChaosSpec {
    private final double failureRatePercent;
    private final String exception;
    private final long latencyNanos;
    private final double latencyRatePercent;

    public ChaosSpec(double failureRatePercent, String exception, long latencyNanos, double latencyRatePercent) {
        this.failureRatePercent = failureRatePercent;
        this.exception = exception;
        this.latencyNanos = latencyNanos;
        this.latencyRatePercent = latencyRatePercent;
    }

    public double failureRatePercent() {
        return failureRatePercent;
    }

    public String exception() {
        return exception;
    }

    public long latencyNanos() {
        return latencyNanos;
    }

    public double latencyRatePercent() {
        return latencyRatePercent;
    }

    public static final String DEFAULT_EXCEPTION = "java.io.IOException";

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof ChaosSpec)) {
            return false;
        }
        ChaosSpec other = (ChaosSpec) o;
        return Double.compare(failureRatePercent, other.failureRatePercent) == 0
            && java.util.Objects.equals(exception, other.exception)
            && latencyNanos == other.latencyNanos
            && Double.compare(latencyRatePercent, other.latencyRatePercent) == 0;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(failureRatePercent, exception, latencyNanos, latencyRatePercent);
    }

    @Override
    public String toString() {
        return "ChaosSpec[failureRatePercent=" + failureRatePercent + ", exception=" + exception + ", latencyNanos=" + latencyNanos + ", latencyRatePercent=" + latencyRatePercent + "]";
    }
}
