package dev.tripswitch.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code maxConcurrent}: calls beyond that many in flight are rejected, and no slot is ever lost. */
class BulkheadTest {
    private final FakeClock clock = new FakeClock();

    private CircuitBreaker breaker(int maxConcurrent) {
        return new CircuitBreaker("api", null, Configs.count(100, 100).toBuilder().maxConcurrent(maxConcurrent).build(),
                clock);
    }

    @Test
    void aCallBeyondTheLimitIsRejectedAndEveryOutcomeGivesItsSlotBack() {
        CircuitBreaker b = breaker(2);
        long first = b.acquire();
        long second = b.acquire();
        assertFalse(Permit.isRejected(first));
        assertFalse(Permit.isRejected(second));
        assertTrue(Permit.isRejected(b.acquire()), "a third call in flight");
        assertTrue(b.bulkheadFull());
        assertEquals(1, b.metrics().totalBulkheadRejected());
        assertEquals(0, b.metrics().totalRejected(), "the breaker itself rejected nothing");
        assertEquals(State.CLOSED, b.state());
        b.onSuccess(first, -1);
        long third = b.acquire();
        assertFalse(Permit.isRejected(third), "a slot came back with the success");
        b.onFailure(second, -1, new IOException("boom"));
        b.onIgnored(third);
        assertEquals(0, b.metrics().inFlight(), "failure and ignored give slots back too");
        long released = b.acquire();
        b.release(released);
        assertEquals(0, b.metrics().inFlight(), "a permit given back uncounted gives its slot back");
    }

    @Test
    void aSlotTakenBeforeTheLimitChangedIsGivenBackOnce() {
        CircuitBreaker b = breaker(1);
        long held = b.acquire();
        b.reconfigure(c -> c.toBuilder().maxConcurrent(0).build());
        long free = b.acquire(); // no bulkhead now: takes no slot
        b.onSuccess(free, -1);
        b.onSuccess(held, -1);
        assertEquals(0, b.metrics().inFlight());
    }

    @Test
    void aHalfOpenTrialRejectedByTheBulkheadGivesItsTrialSlotBack() {
        CircuitBreaker b = new CircuitBreaker("api", null, Configs.withHalfOpen(Configs.count(10, 2), 2, 2, 5000)
                .toBuilder().maxConcurrent(1).build(), clock);
        long p1 = b.acquire();
        b.onFailure(p1, -1, new IOException("boom"));
        long p2 = b.acquire();
        b.onFailure(p2, -1, new IOException("boom"));
        assertEquals(State.OPEN, b.state());
        clock.advanceMillis(1000);
        long trial = b.acquire();
        assertFalse(Permit.isRejected(trial));
        assertTrue(Permit.isRejected(b.acquire()), "the bulkhead is full");
        assertEquals(1, b.metrics().trialCallsInFlight(), "the second trial slot was given back");
        b.onSuccess(trial, -1);
        long next = b.acquire();
        b.onSuccess(next, -1);
        assertEquals(State.CLOSED, b.state());
    }

    /**
     * 16 threads, successes, failures, ignored and released outcomes, limit 4: never above it,
     * nothing leaked, and what a rejected caller is told (the in-flight count, the bulkhead as
     * the reason) holds although other callers come and go meanwhile.
     */
    @Test
    void sixteenThreadsNeverExceedTheLimitNorLeakASlot() throws InterruptedException {
        CircuitBreaker b = breaker(4);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger mostShown = new AtomicInteger();
        AtomicInteger toldOpen = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                ThreadLocalRandom r = ThreadLocalRandom.current();
                for (int i = 0; i < 20_000; i++) {
                    long p = b.acquire();
                    if (Permit.isRejected(p)) {
                        mostShown.accumulateAndGet(b.metrics().inFlight(), Math::max);
                        if (!b.bulkheadFull()) {
                            toldOpen.incrementAndGet();
                        }
                        continue;
                    }
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    if ((i & 7) == 0) {
                        Thread.yield(); // hold the slot while others run: 2 cores alone rarely put 5 threads in at once
                    }
                    running.decrementAndGet();
                    switch (r.nextInt(8)) { // a quarter of the judged calls fail: below the 50% that trips
                        case 0, 1, 2 -> b.onSuccess(p, -1);
                        case 3 -> b.onFailure(p, -1, new IOException("boom"));
                        case 4, 5 -> b.onIgnored(p);
                        default -> b.release(p);
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(0, b.metrics().inFlight(), "every slot came back");
        assertTrue(most.get() <= 4, "at most 4 ran at once, saw " + most.get());
        assertTrue(mostShown.get() <= 4, "a rejected caller read at most 4 in flight, read " + mostShown.get());
        assertEquals(0, toldOpen.get(), "every rejection of a closed breaker is told as the bulkhead's");
        assertTrue(b.metrics().totalBulkheadRejected() > 0, "16 threads on 4 slots must have been turned away at times");
        assertEquals(State.CLOSED, b.state(), "only the bulkhead rejected");
    }
}
