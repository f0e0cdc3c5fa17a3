package dev.tripswitch.engine;

/**
 * Stands for a call that returned normally but whose result was judged a failure (a
 * {@code failOn.result} predicate held). Never thrown, so it carries no stack trace;
 * {@code LastFailure} shows its message alone.
 */
public final class FailedResult extends Exception {
    private static final long serialVersionUID = 1L;

    public FailedResult(String message) {
        super(message, null, false, false);
    }
}
