package dev.tripswitch;

/**
 * Thrown instead of calling a method whose breaker is open, when the rule names no other
 * exception in {@code whenOpen.throw}. Lives on the bootstrap class path, so code woven
 * into JDK classes can throw it and applications can catch it.
 */
public class CircuitOpenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String breaker;
    private final String key;
    private final long retryAfterMillis;

    public CircuitOpenException(String message) {
        this(message, null, null, -1);
    }

    public CircuitOpenException(String message, String breaker, String key, long retryAfterMillis) {
        super(message);
        this.breaker = breaker;
        this.key = key;
        this.retryAfterMillis = retryAfterMillis;
    }

    /**
     * The message every rejection carries: {@code circuit open: <name>[<key>], retry after <n> ms}
     * ({@code circuit open: <name>, retry after <n> ms} for a breaker without a key), or
     * {@code circuit open: <name>[<key>], forced open until reset} when an operator forced it
     * ({@code retryAfterMillis} negative).
     */
    public static String message(String breaker, String key, long retryAfterMillis) {
        return "circuit open: " + breaker + (key == null ? "" : "[" + key + "]")
                + (retryAfterMillis < 0 ? ", forced open until reset" : ", retry after " + retryAfterMillis + " ms");
    }

    /** The message of a call rejected by the bulkhead ({@code maxConcurrent}): {@code bulkhead full: payments[key], 10 calls in flight}. */
    public static String bulkheadMessage(String breaker, String key, int inFlight) {
        return "bulkhead full: " + breaker + (key == null ? "" : "[" + key + "]") + ", " + inFlight + " calls in flight";
    }

    /** The message of a call the rule's {@code timeout} ended: {@code timeout: quotes did not complete within 300 ms}. */
    public static String timeoutMessage(String breaker, String key, long timeoutNanos) {
        return "timeout: " + breaker + (key == null ? "" : "[" + key + "]") + " did not complete within "
                + timeoutNanos / 1_000_000L + " ms";
    }

    /** The breaker's name, or null when unknown. */
    public String breaker() {
        return breaker;
    }

    /** The breaker's key, or null for an unkeyed breaker. */
    public String key() {
        return key;
    }

    /** Milliseconds until trial calls are let through, or -1 when unknown or forced open until reset. */
    public long retryAfterMillis() {
        return retryAfterMillis;
    }
}
