package dev.tripswitch.rules;

import java.util.List;

/**
 * A breaker's {@code retry:} block: how often and how late a failed call is tried again.
 * Every attempt passes through the breaker, so retries are counted and an open breaker
 * ends them at once; the block only says when to try.
 *
 * <p>The schedule is Resilience4j Retry's exponential backoff: before retry {@code n}
 * (the first retry is 1) the call waits {@code delay × multiplier^(n-1)}, capped at
 * {@code maxDelay}; with {@code jitter} the wait is drawn uniformly from
 * {@code wait × (1 ± jitter)}, so a crowd of clients does not retry in step.
 *
 * @param attempts       calls in all, the first one included (1 = no retry)
 * @param delayNanos     the wait before the first retry
 * @param multiplier     each later wait is this many times the one before (1 = fixed)
 * @param maxDelayNanos  the longest wait before jitter; {@link Long#MAX_VALUE} = no cap
 * @param jitterPercent  0..100: how far either way a wait may stray
 * @param on             exception types retried (subtypes too); empty = the rule's failOn exceptions
 * @param idempotentOnly HTTP presets: retry only GET, HEAD, PUT, DELETE, OPTIONS (and TRACE)
 */
public final class RetrySpec {
    private final int attempts;
    private final long delayNanos;
    private final double multiplier;
    private final long maxDelayNanos;
    private final double jitterPercent;
    private final List<String> on;
    private final boolean idempotentOnly;

    public int attempts() {
        return attempts;
    }

    public long delayNanos() {
        return delayNanos;
    }

    public double multiplier() {
        return multiplier;
    }

    public long maxDelayNanos() {
        return maxDelayNanos;
    }

    public double jitterPercent() {
        return jitterPercent;
    }

    public List<String> on() {
        return on;
    }

    public boolean idempotentOnly() {
        return idempotentOnly;
    }

    public static final int DEFAULT_ATTEMPTS = 3;
    /** Resilience4j Retry's default wait. */
    public static final long DEFAULT_DELAY_NANOS = 500_000_000L;

    public RetrySpec(int attempts, long delayNanos, double multiplier, long maxDelayNanos, double jitterPercent, List<String> on, boolean idempotentOnly) {
        on = List.copyOf(on);
        this.attempts = attempts;
        this.delayNanos = delayNanos;
        this.multiplier = multiplier;
        this.maxDelayNanos = maxDelayNanos;
        this.jitterPercent = jitterPercent;
        this.on = on;
        this.idempotentOnly = idempotentOnly;
    }

    /** Retries after the first attempt. */
    public int retries() {
        return attempts - 1;
    }

    /**
     * The wait before retry {@code n} (1 = the first retry).
     *
     * @param random uniform in [0, 1): where in the jitter band the wait falls
     */
    public long delayNanos(int n, double random) {
        double capped = cappedNanos(n);
        if (jitterPercent <= 0) {
            return (long) capped;
        }
        double spread = capped * jitterPercent / 100;
        return Math.max(0, (long) (capped - spread + random * 2 * spread));
    }

    /** The shortest and longest wait before retry {@code n}, jitter included. */
    public long[] bounds(int n) {
        double capped = cappedNanos(n);
        return new long[] {delayNanos(n, 0), (long) Math.ceil(capped + capped * jitterPercent / 100)};
    }

    /** The wait before retry {@code n} before jitter: {@code delay × multiplier^(n-1)}, at most {@code maxDelay}. */
    private double cappedNanos(int n) {
        return Math.min(delayNanos * Math.pow(multiplier, Math.max(0, n - 1)), (double) maxDelayNanos);
    }

    /** One line for {@code check}: {@code 3 attempts, 100ms x2 up to 2s ±20%, on IOException}. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        s.append(attempts).append(attempts == 1 ? " attempt" : " attempts").append(", waits ").append(ms(delayNanos));
        if (multiplier != 1) {
            s.append(" x").append(number(multiplier));
        }
        if (maxDelayNanos != Long.MAX_VALUE) {
            s.append(" up to ").append(ms(maxDelayNanos));
        }
        if (jitterPercent > 0) {
            s.append(" ±").append(number(jitterPercent)).append('%');
        }
        s.append(", on ").append(on.isEmpty() ? "the failOn exceptions" : String.join(", ", on));
        return s.toString();
    }

    private static String ms(long nanos) {
        return nanos / 1_000_000 + "ms";
    }

    private static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof RetrySpec)) {
            return false;
        }
        RetrySpec other = (RetrySpec) o;
        return attempts == other.attempts
            && delayNanos == other.delayNanos
            && Double.compare(multiplier, other.multiplier) == 0
            && maxDelayNanos == other.maxDelayNanos
            && Double.compare(jitterPercent, other.jitterPercent) == 0
            && java.util.Objects.equals(on, other.on)
            && idempotentOnly == other.idempotentOnly;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(attempts, delayNanos, multiplier, maxDelayNanos, jitterPercent, on, idempotentOnly);
    }

    @Override
    public String toString() {
        return "RetrySpec[attempts=" + attempts + ", delayNanos=" + delayNanos + ", multiplier=" + multiplier + ", maxDelayNanos=" + maxDelayNanos + ", jitterPercent=" + jitterPercent + ", on=" + on + ", idempotentOnly=" + idempotentOnly + "]";
    }
}
