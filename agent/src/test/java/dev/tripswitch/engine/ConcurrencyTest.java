package dev.tripswitch.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many threads drive one breaker through outages and recoveries (the fake clock is
 * advanced by the callers themselves): every call is accounted for, and no HALF_OPEN
 * state ever has more trial calls running than {@code halfOpen.calls}, and the listeners
 * hear every transition in the order the breaker made them (each one's from is the
 * previous one's to), although the thread that made one may tell it after another's.
 */
class ConcurrencyTest {
    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 200_000;
    private static final long PHASE_NANOS = Configs.ms(400);

    @Test
    void everyCallIsAccountedForAndTrialsStayBounded() throws Exception {
        check(Configs.withHalfOpen(Configs.count(20, 10), 2, 3, 60_000));
    }

    @Test
    void sameWithTheTimeWindow() throws Exception {
        check(Configs.withWindow(Configs.withHalfOpen(Configs.count(20, 10), 3, 2, 60_000),
                new WindowConfig.Time(Configs.ms(200), 10)));
    }

    private void check(BreakerConfig config) throws Exception {
        FakeClock clock = new FakeClock();
        CircuitBreaker b = new CircuitBreaker("hammer", null, config, clock);
        int maxTrials = config.halfOpen().calls();
        Map<Integer, AtomicInteger> trialsByGeneration = new ConcurrentHashMap<>();
        AtomicInteger worstTrials = new AtomicInteger();
        AtomicLong successes = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicLong ignored = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        List<Throwable> errors = new ArrayList<>();
        List<Transition> heard = new ArrayList<>();
        b.addListener((br, t) -> {
            synchronized (heard) {
                heard.add(t);
            }
        });
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < CALLS_PER_THREAD; i++) {
                        clock.advanceNanos(20_000);
                        long permit = b.acquire();
                        if (Permit.isRejected(permit)) {
                            rejected.incrementAndGet();
                            continue;
                        }
                        int slot = Permit.slot(permit);
                        AtomicInteger trials = null;
                        if (slot != Permit.NO_SLOT && slot != Permit.UNJUDGED_SLOT) {
                            trials = trialsByGeneration.computeIfAbsent(Permit.generation(permit), g -> new AtomicInteger());
                            int now = trials.incrementAndGet();
                            worstTrials.accumulateAndGet(now, Math::max);
                        }
                        boolean outage = (clock.nanoTime() / PHASE_NANOS) % 2 == 1;
                        int roll = random.nextInt(100);
                        if (trials != null) {
                            trials.decrementAndGet();
                        }
                        if (roll < 3) {
                            b.onIgnored(permit);
                            ignored.incrementAndGet();
                        } else if (outage ? roll < 90 : roll < 5) {
                            b.onFailure(permit, 1000, new IOException("down"));
                            failures.incrementAndGet();
                        } else {
                            b.onSuccess(permit, random.nextInt(1_000_000));
                            successes.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertTrue(errors.isEmpty(), () -> "errors: " + errors);
        long calls = (long) THREADS * CALLS_PER_THREAD;
        assertEquals(successes.get(), b.metrics().totalSuccesses());
        assertEquals(failures.get(), b.metrics().totalFailures());
        assertEquals(ignored.get(), b.metrics().totalIgnored());
        assertEquals(rejected.get(), b.metrics().totalRejected());
        assertEquals(calls, b.metrics().totalCalls());
        assertTrue(worstTrials.get() <= maxTrials, "HALF_OPEN ran " + worstTrials.get() + " trials at once");
        assertTrue(b.metrics().timesOpened() >= 3, "expected several trips, saw " + b.metrics().timesOpened());
        assertTrue(rejected.get() > 0);
        assertEquals(b.metrics().timesOpened(), heard.stream().filter(t -> t.to() == State.OPEN).count(), "every trip was told");
        State previous = State.CLOSED;
        for (int i = 0; i < heard.size(); i++) {
            assertEquals(previous, heard.get(i).from(), "transition " + i + " told out of order: " + heard.get(i));
            previous = heard.get(i).to();
        }
        assertEquals(b.state(), previous, "the last transition told is the state the breaker is in");
        // the window's packed counters must still equal the sum of its slots: clearing subtracts each
        // slot's own contribution, so any drift the racing threads caused would be left over
        Window window = b.currentWindow();
        window.clear();
        assertEquals(0, window.calls(), "window calls left after clearing every slot");
        assertEquals(0, window.failures(), "window failures left after clearing every slot");
        assertEquals(0, window.slowCalls(), "window slow calls left after clearing every slot");
    }
}
