package dev.tripswitch.engine;

/** Whether a breaker acts on its verdicts or only reports them. */
public enum Mode {
    /** Reject calls while open. */
    ENFORCE,
    /** Compute every transition, never reject: count {@code WouldReject} instead. */
    OBSERVE
}
