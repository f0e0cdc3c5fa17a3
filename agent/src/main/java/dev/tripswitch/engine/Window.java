package dev.tripswitch.engine;

/**
 * The recent calls a breaker judges its rates on. Recording never allocates and takes
 * no lock on the path a healthy call follows.
 */
public interface Window {
    /** Outcome bits: every recorded call has {@link #CALL}; failed and slow calls add theirs. */
    int CALL = 1;
    int FAILED = 2;
    int SLOW = 4;

    /** Outcome bits for a call: {@link #CALL} plus {@link #FAILED} and {@link #SLOW} as they apply. */
    static int outcome(boolean failed, boolean slow) {
        return CALL | (failed ? FAILED : 0) | (slow ? SLOW : 0);
    }

    /**
     * Records one call.
     *
     * @return false when the counts are certainly unchanged (so no threshold can have been crossed)
     */
    boolean record(int outcome, long nowNanos);

    /** Drops the slices that have aged out by {@code nowNanos}; the counts below then describe the window. */
    void expire(long nowNanos);

    long calls();

    long failures();

    long slowCalls();

    /** Forgets every counted call. */
    void clear();
}
