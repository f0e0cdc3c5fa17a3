package dev.tripswitch.engine;

/**
 * One change of state, as logs and JMX notifications report it.
 *
 * @param reason           why, in words an operator understands ({@code failure rate 62.5% >= 50% over 16 calls})
 * @param atMillis         wall-clock time of the change
 * @param retryAfterMillis for OPEN, how long until trial calls; otherwise 0
 */
public final class Transition {
    private final String breaker;
    private final String key;
    private final State from;
    private final State to;
    private final String reason;
    private final long atMillis;
    private final long retryAfterMillis;

    public Transition(String breaker, String key, State from, State to, String reason, long atMillis, long retryAfterMillis) {
        this.breaker = breaker;
        this.key = key;
        this.from = from;
        this.to = to;
        this.reason = reason;
        this.atMillis = atMillis;
        this.retryAfterMillis = retryAfterMillis;
    }

    public String breaker() {
        return breaker;
    }

    public String key() {
        return key;
    }

    public State from() {
        return from;
    }

    public State to() {
        return to;
    }

    public String reason() {
        return reason;
    }

    public long atMillis() {
        return atMillis;
    }

    public long retryAfterMillis() {
        return retryAfterMillis;
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof Transition)) {
            return false;
        }
        Transition other = (Transition) o;
        return java.util.Objects.equals(breaker, other.breaker)
            && java.util.Objects.equals(key, other.key)
            && java.util.Objects.equals(from, other.from)
            && java.util.Objects.equals(to, other.to)
            && java.util.Objects.equals(reason, other.reason)
            && atMillis == other.atMillis
            && retryAfterMillis == other.retryAfterMillis;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(breaker, key, from, to, reason, atMillis, retryAfterMillis);
    }

    @Override
    public String toString() {
        return "Transition[breaker=" + breaker + ", key=" + key + ", from=" + from + ", to=" + to + ", reason=" + reason + ", atMillis=" + atMillis + ", retryAfterMillis=" + retryAfterMillis + "]";
    }
}
