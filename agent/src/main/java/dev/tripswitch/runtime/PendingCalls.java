package dev.tripswitch.runtime;

import java.lang.ref.ReferenceQueue;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.tripswitch.engine.CircuitBreaker;

/**
 * Calls started and not yet completed (an OkHttp {@code enqueue} waiting for its callback),
 * by the identity of the object their completion names, weakly held: a call whose object
 * the application drops without a completion leaves with the next change (its HALF_OPEN
 * trial permit is reclaimed after {@code halfOpen.maxWait}). Taking a call out is atomic,
 * so its outcome is recorded once however its completion and its start race.
 */
final class PendingCalls {
    /**
     * A started call's permit, where its completion finds it.
     *
     * @param startNanos when a timed call started, or 0 when the sampler left it untimed
     * @param sinceNanos when it started, always: a cancel is judged by its time in flight
     */
    static final class Pending {
        private final CircuitBreaker breaker;
        private final long permit;
        private final long startNanos;
        private final long sinceNanos;

        Pending(CircuitBreaker breaker, long permit, long startNanos, long sinceNanos) {
            this.breaker = breaker;
            this.permit = permit;
            this.startNanos = startNanos;
            this.sinceNanos = sinceNanos;
        }

        public CircuitBreaker breaker() {
            return breaker;
        }

        public long permit() {
            return permit;
        }

        public long startNanos() {
            return startNanos;
        }

        public long sinceNanos() {
            return sinceNanos;
        }

        static Pending of(CircuitBreaker breaker, long permit, long startNanos) {
            return new Pending(breaker, permit, startNanos, startNanos != 0 ? startNanos : System.nanoTime());
        }
    }

    private final Map<WeakIdentityKey, Pending> pending = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

    void put(Object key, Pending call) {
        expunge();
        pending.put(new WeakIdentityKey(key, collected), call);
    }

    /** The call parked under {@code key}, removed; null when there is none (or another thread took it). */
    Pending take(Object key) {
        if (key == null || pending.isEmpty()) {
            return null;
        }
        return pending.remove(new WeakIdentityKey(key, null));
    }

    int size() {
        expunge();
        return pending.size();
    }

    private void expunge() {
        Object gone;
        while ((gone = collected.poll()) != null) {
            pending.remove(gone);
        }
    }
}
