package dev.tripswitch.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cancelled call is judged by how long it had been in flight: a client's timeout cancels
 * its request after a while (a failure), a caller that lost interest cancels sooner (neither).
 */
class CancelledCallsTest {
    private final FakeClock clock = new FakeClock();

    @Test
    void aCallCancelledAfterASecondInFlightIsAFailure() {
        CircuitBreaker b = new CircuitBreaker("payments", null, Configs.count(10, 3), clock);
        for (int i = 0; i < 3; i++) {
            b.onCancelled(b.acquire(), Configs.ms(2_000));
        }
        assertEquals(State.OPEN, b.state(), "three client timeouts trip it");
        assertEquals(3, b.metrics().totalFailures());
        assertTrue(b.metrics().lastFailure().startsWith("cancelled after 2000 ms in flight"), b.metrics().lastFailure());
    }

    @Test
    void aQuickCancelCountsNeitherWay() {
        CircuitBreaker b = new CircuitBreaker("payments", null, Configs.count(10, 3), clock);
        for (int i = 0; i < 5; i++) {
            b.onCancelled(b.acquire(), Configs.ms(999));
        }
        b.onCancelled(b.acquire(), -1); // not measured: the caller's interest is all we know
        assertEquals(State.CLOSED, b.state());
        assertEquals(0, b.metrics().totalFailures());
        assertEquals(6, b.metrics().totalIgnored());
    }

    @Test
    void withSlowCallTheThresholdIsSlowCall() {
        CircuitBreaker b = new CircuitBreaker("payments", null, Configs.withSlow(Configs.count(10, 3), 300, 100), clock);
        b.onCancelled(b.acquire(), Configs.ms(299));
        assertEquals(0, b.metrics().totalFailures());
        b.onCancelled(b.acquire(), Configs.ms(300));
        assertEquals(1, b.metrics().totalFailures());
        assertEquals(1, b.metrics().totalSlowCalls(), "its time feeds the slow calls too");
    }

    @Test
    void aQuickCancelGivesTheHalfOpenTrialSlotBack() {
        CircuitBreaker b = new CircuitBreaker("payments", null, Configs.withHalfOpen(Configs.count(10, 3), 1, 1, 30_000),
                clock);
        for (int i = 0; i < 3; i++) {
            b.onFailure(b.acquire(), -1, new java.io.IOException("refused"));
        }
        clock.advanceMillis(b.config().openForNanos() / 1_000_000 + 1);
        long trial = b.acquire();
        assertEquals(State.HALF_OPEN, b.state());
        assertTrue(Permit.isRejected(b.acquire()), "one trial at a time");
        b.onCancelled(trial, Configs.ms(10));
        long again = b.acquire();
        assertTrue(!Permit.isRejected(again), "the slot is free again");
        b.onCancelled(again, Configs.ms(5_000));
        assertEquals(State.OPEN, b.state(), "a trial abandoned at the client's timeout fails");
    }
}
