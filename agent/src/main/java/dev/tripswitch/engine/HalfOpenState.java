package dev.tripswitch.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A bounded number of trial calls at once. Each trial holds a slot whose value packs
 * the ticket of its holder and when it was granted, so a permit that was reclaimed after
 * {@code halfOpen.maxWait} can no longer release the slot (or judge the breaker) when
 * its call finally returns.
 */
final class HalfOpenState extends BreakerState {
    private static final int GRANTED_BITS = 40;
    private static final long GRANTED_MASK = (1L << GRANTED_BITS) - 1;

    final int trips;
    private final AtomicLongArray slots;
    private final AtomicInteger tickets = new AtomicInteger();
    private final AtomicInteger successes = new AtomicInteger();

    HalfOpenState(int generation, long enteredNanos, long enteredMillis, String reason, Recent recent, int trips,
                  int calls) {
        super(generation, enteredNanos, enteredMillis, reason, recent);
        this.trips = trips;
        this.slots = new AtomicLongArray(calls);
    }

    @Override
    State kind() {
        return State.HALF_OPEN;
    }

    @Override
    long acquire(CircuitBreaker breaker, BreakerConfig config, long now) {
        if (breaker.trialsElsewhere()) {
            return breaker.rejectOrPass(this); // another JVM of the cluster runs this round's trials
        }
        long permit = tryTake(now);
        if (permit == Permit.REJECTED && reclaimExpired(config, now) > 0) {
            permit = tryTake(now);
        }
        return permit != Permit.REJECTED ? permit : breaker.rejectOrPass(this);
    }

    /** Whether a trial slot is free now (a pass-through call may go on without taking it). */
    boolean hasFreeTrial() {
        for (int i = 0; i < slots.length(); i++) {
            if (slots.get(i) == 0) {
                return true;
            }
        }
        return false;
    }

    private long tryTake(long now) {
        for (int i = 0; i < slots.length(); i++) {
            if (slots.get(i) == 0) {
                int ticket = nextTicket();
                long value = ((long) ticket << GRANTED_BITS) | (elapsedMillis(now) & GRANTED_MASK);
                if (slots.compareAndSet(i, 0, value)) {
                    return Permit.of(generation, i + 1, ticket);
                }
            }
        }
        return Permit.REJECTED;
    }

    private int nextTicket() {
        int ticket = tickets.incrementAndGet() & Permit.TICKET_MASK;
        return ticket == 0 ? nextTicket() : ticket;
    }

    private long elapsedMillis(long now) {
        return Math.max(0, (now - enteredNanos) / 1_000_000L);
    }

    /** Frees the permit's slot; false when it was not a live trial permit (reclaimed, or no trial). */
    private boolean release(long permit) {
        int slot = Permit.slot(permit);
        if (slot == Permit.NO_SLOT || slot == Permit.UNJUDGED_SLOT) {
            return false;
        }
        int i = slot - 1;
        long value = slots.get(i);
        return value != 0 && (int) (value >>> GRANTED_BITS) == Permit.ticket(permit) && slots.compareAndSet(i, value, 0);
    }

    /** Frees the slots held longer than {@code halfOpen.maxWait}; returns how many. */
    int reclaimExpired(BreakerConfig config, long now) {
        long maxWaitMillis = Math.max(1, config.halfOpen().maxWaitNanos() / 1_000_000L);
        long elapsed = elapsedMillis(now);
        int reclaimed = 0;
        for (int i = 0; i < slots.length(); i++) {
            long value = slots.get(i);
            if (value != 0 && elapsed - (value & GRANTED_MASK) >= maxWaitMillis && slots.compareAndSet(i, value, 0)) {
                reclaimed++;
            }
        }
        return reclaimed;
    }

    /** Trial permits now held. */
    int inFlight() {
        int n = 0;
        for (int i = 0; i < slots.length(); i++) {
            n += slots.get(i) != 0 ? 1 : 0;
        }
        return n;
    }

    @Override
    void onSuccess(CircuitBreaker breaker, BreakerConfig config, long permit, boolean slow, long durationNanos,
                   long now) {
        if (!release(permit)) {
            return;
        }
        if (slow) {
            breaker.trip(this, trips + 1, "trial call was slow: " + durationNanos / 1_000_000L + " ms >= "
                    + config.slowCallNanos() / 1_000_000L + " ms", now);
            return;
        }
        int succeeded = successes.incrementAndGet();
        if (succeeded >= config.halfOpen().successes()) {
            breaker.close(this, succeeded + " trial calls succeeded", now);
        }
    }

    @Override
    void onFailure(CircuitBreaker breaker, BreakerConfig config, long permit, boolean slow, Throwable failure,
                   long now, long previousFailureNanos) {
        if (release(permit)) {
            breaker.trip(this, trips + 1, "trial call failed: " + CircuitBreaker.describe(failure), now);
        }
    }

    @Override
    void onIgnored(long permit) {
        release(permit);
    }

    @Override
    void refresh(CircuitBreaker breaker, BreakerConfig config, long now) {
        reclaimExpired(config, now);
    }

    @Override
    long openForNanos(BreakerConfig config) {
        return config.openForAfterTrips(trips + 1);
    }
}
