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
public record ChaosSpec(double failureRatePercent, String exception, long latencyNanos, double latencyRatePercent) {
    public static final String DEFAULT_EXCEPTION = "java.io.IOException";
}
