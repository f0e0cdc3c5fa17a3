package dev.tripswitch.engine;

/** The five states of a breaker, as JMX, logs and the HTTP views name them. */
public enum State {
    /** Calls pass and are counted; the window decides when to trip. */
    CLOSED,
    /** Calls are rejected until {@code openFor} (after backoff) has passed. */
    OPEN,
    /** A bounded number of trial calls decide between CLOSED and OPEN. */
    HALF_OPEN,
    /** An operator opened it: every call is rejected until reset. */
    FORCED_OPEN,
    /** An operator disabled it: every call passes and is still counted. */
    DISABLED
}
