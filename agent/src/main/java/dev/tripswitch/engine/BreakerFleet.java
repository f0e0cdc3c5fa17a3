package dev.tripswitch.engine;

/**
 * The two things another JVM of the cluster may do to a breaker ({@code agent.cluster},
 * docs/cluster.md): open it because the same breaker tripped there, and hold back this
 * JVM's HALF_OPEN trials while that JVM runs the round's. Kept apart from
 * {@link CircuitBreaker}'s call path and from what operators do to it; made by
 * {@link CircuitBreaker#fleet()}, a view with no state of its own.
 */
public final class BreakerFleet {
    private final CircuitBreaker b;

    BreakerFleet(CircuitBreaker breaker) {
        this.b = breaker;
    }

    /**
     * OPEN for {@code remainingNanos} because the same breaker tripped in another JVM of the
     * cluster, which has that long to go: from CLOSED or HALF_OPEN only (an open, forced-open
     * or disabled breaker keeps its state). Returns whether it opened.
     */
    public boolean openFor(long remainingNanos, String reason) {
        long now = b.clock.nanoTime();
        BreakerState s;
        do {
            s = b.state;
            if (!(s instanceof ClosedState) && !(s instanceof HalfOpenState)) {
                return false;
            }
            int trips = s instanceof HalfOpenState ? ((HalfOpenState) s).trips + 1 : 1;
            if (b.transition(s, new OpenState(s.generation + 1, now, b.clock.currentTimeMillis(), reason, s.recent, trips,
                    remainingNanos), remainingNanos)) {
                return true;
            }
        } while (true);
    }

    /**
     * While true, HALF_OPEN lets no trial call through here: another JVM of the cluster holds
     * this round's trials, and its verdict (close, or open again) will be applied to this
     * breaker. Read only in HALF_OPEN, so the closed path never sees it.
     */
    public void trialsElsewhere(boolean elsewhere) {
        b.trialsElsewhere = elsewhere;
    }
}
