package dev.tripswitch.jmx;

/**
 * One breaker in JConsole: {@code tripswitch:type=Breaker,name=<name>[,key=<key>]} (docs/jmx.md).
 * Thresholds are writable and take effect at once; the state is kept.
 */
public interface BreakerMXBean {
    String getName();

    /** The key of a keyed breaker, or null. */
    String getKey();

    String getState();

    /** Why the breaker entered its current state. */
    String getStateReason();

    String getMode();

    /** Percent of failed calls in the window; -1 below minimumCalls. */
    double getFailureRate();

    double getSlowCallRate();

    long getWindowCalls();

    long getWindowFailures();

    long getWindowSlowCalls();

    long getTotalCalls();

    long getTotalSuccesses();

    long getTotalFailures();

    long getTotalIgnored();

    long getTotalSlowCalls();

    long getTotalRejected();

    /** Calls rejected because {@code maxConcurrent} calls of this breaker (key) were in flight. */
    long getTotalBulkheadRejected();

    /** Failed calls tried again by the rule's {@code retry:} (each retry is also a call of its own). */
    long getTotalRetries();

    /** Calls in flight now, counted while {@code maxConcurrent} is set. */
    int getInFlight();

    long getWouldReject();

    int getConsecutiveFailures();

    long getTimesOpened();

    /** ISO-8601. */
    String getStateChangedAt();

    long getRetryAfterMillis();

    long getOpenForMillis();

    /** {@code type: message} of the last failure. */
    String getLastFailure();

    String getLastFailureAt();

    String getLastSuccessAt();

    double getLatencyP50Millis();

    double getLatencyP99Millis();

    /** The methods woven for this breaker's rule. */
    String[] getTargets();

    double getFailureRateThreshold();

    void setFailureRateThreshold(double percent);

    long getSlowCallMillis();

    void setSlowCallMillis(long millis);

    long getOpenForBaseMillis();

    void setOpenForBaseMillis(long millis);

    int getMinimumCalls();

    void setMinimumCalls(int calls);

    int getConsecutiveFailuresThreshold();

    void setConsecutiveFailuresThreshold(int failures);

    /** CLOSED, with the window's counts cleared. */
    void reset();

    /** FORCED_OPEN until reset. */
    void forceOpen();

    /** DISABLED until reset: everything passes and is counted. */
    void disable();
}
