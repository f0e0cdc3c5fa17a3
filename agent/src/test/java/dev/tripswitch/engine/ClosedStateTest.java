package dev.tripswitch.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static dev.tripswitch.engine.Calls.fail;
import static dev.tripswitch.engine.Calls.succeed;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/behaviour.md, "States": CLOSED -> OPEN on a rate over at least minimumCalls, or on failures in a row. */
class ClosedStateTest {
    private final FakeClock clock = new FakeClock();
    private final List<Transition> seen = new ArrayList<>();

    private CircuitBreaker breaker(BreakerConfig config) {
        CircuitBreaker b = new CircuitBreaker("payments", null, config, clock);
        b.addListener((br, t) -> seen.add(t));
        return b;
    }

    @Test
    void tripsWhenFailureRateReachesThresholdExactly() {
        CircuitBreaker b = breaker(Configs.count(100, 10));
        succeed(b, 5);
        fail(b, 4);
        assertEquals(State.CLOSED, b.state());
        fail(b, 1); // 5 of 10 = 50% >= 50%
        assertEquals(State.OPEN, b.state());
        assertEquals("failure rate 50% >= 50% over 10 calls", seen.get(0).reason());
        assertEquals(1, b.metrics().timesOpened());
    }

    @Test
    void reasonShowsTheFractionalRate() {
        CircuitBreaker b = breaker(Configs.count(100, 16));
        succeed(b, 6);
        fail(b, 10); // 10 of 16 = 62.5%
        assertEquals("failure rate 62.5% >= 50% over 16 calls", seen.get(0).reason());
        assertEquals(State.CLOSED, seen.get(0).from());
        assertEquals(State.OPEN, seen.get(0).to());
        assertEquals(1000, seen.get(0).retryAfterMillis());
    }

    @Test
    void doesNotTripBelowMinimumCalls() {
        CircuitBreaker b = breaker(Configs.count(100, 10));
        fail(b, 9); // 100% failures but only 9 calls
        assertEquals(State.CLOSED, b.state());
        assertEquals(-1.0, b.metrics().failureRate());
        assertEquals(9, b.metrics().windowFailures());
    }

    @Test
    void aSuccessThatReachesMinimumCallsCanTrip() {
        CircuitBreaker b = breaker(Configs.count(100, 10));
        fail(b, 9);
        succeed(b, 1); // 9 of 10 failed
        assertEquals(State.OPEN, b.state());
    }

    @Test
    void justBelowTheThresholdStaysClosed() {
        CircuitBreaker b = breaker(Configs.count(10, 10));
        succeed(b, 6);
        fail(b, 4); // 40%
        assertEquals(State.CLOSED, b.state());
        assertEquals(40.0, b.metrics().failureRate());
    }

    @Test
    void countWindowForgetsCallsThatWrapAround() {
        CircuitBreaker b = breaker(Configs.count(10, 10));
        fail(b, 4);
        succeed(b, 6); // 40%: closed
        succeed(b, 4); // the 4 failures leave the window
        assertEquals(0.0, b.metrics().failureRate());
        assertEquals(10, b.metrics().windowCalls());
        fail(b, 4);
        assertEquals(40.0, b.metrics().failureRate());
        assertEquals(State.CLOSED, b.state());
    }

    @Test
    void consecutiveFailuresTripWhateverTheRate() {
        BreakerConfig c = Configs.count(100, 100).toBuilder().consecutiveFailures(3).build();
        CircuitBreaker b = breaker(c);
        succeed(b, 50);
        fail(b, 2);
        succeed(b, 1); // breaks the run
        fail(b, 2);
        assertEquals(State.CLOSED, b.state());
        assertEquals(2, b.metrics().consecutiveFailures());
        fail(b, 1);
        assertEquals(State.OPEN, b.state());
        assertEquals("3 consecutive failures", seen.get(0).reason());
    }

    @Test
    void consecutiveFailuresZeroIsOff() {
        CircuitBreaker b = breaker(Configs.count(1000, 1000).toBuilder().consecutiveFailures(0).build());
        fail(b, 500);
        assertEquals(State.CLOSED, b.state());
    }

    @Test
    void slowCallRateTrips() {
        BreakerConfig c = Configs.withSlow(Configs.count(10, 4), 100, 50);
        CircuitBreaker b = breaker(c);
        for (int i = 0; i < 3; i++) {
            long p = b.acquire();
            b.onSuccess(p, Configs.ms(i == 0 ? 150 : 10));
        }
        assertEquals(State.CLOSED, b.state());
        long p = b.acquire();
        b.onSuccess(p, Configs.ms(100)); // exactly slowCall counts as slow: 2 of 4
        assertEquals(State.OPEN, b.state());
        assertEquals("slow call rate 50% >= 50% over 4 calls", seen.get(0).reason());
        assertEquals(2, b.metrics().totalSlowCalls());
    }

    @Test
    void slowCallsAreNotJudgedWhenSlowCallIsOff() {
        CircuitBreaker b = breaker(Configs.count(10, 4));
        for (int i = 0; i < 10; i++) {
            b.onSuccess(b.acquire(), Configs.ms(60_000));
        }
        assertEquals(State.CLOSED, b.state());
        assertEquals(0, b.metrics().totalSlowCalls());
    }

    @Test
    void timeWindowForgetsCallsOlderThanItsSize() {
        BreakerConfig c = Configs.withWindow(Configs.count(10, 5), new WindowConfig.Time(Configs.ms(10_000), 10));
        CircuitBreaker b = breaker(c);
        fail(b, 4);
        clock.advanceMillis(10_001);
        assertEquals(0, b.metrics().windowCalls());
        fail(b, 1);
        succeed(b, 4);
        assertEquals(State.CLOSED, b.state()); // 1 of 5, the old 4 aged out
        assertEquals(20.0, b.metrics().failureRate());
    }

    @Test
    void timeWindowKeepsCallsInsideItsSize() {
        BreakerConfig c = Configs.withWindow(Configs.count(10, 4), new WindowConfig.Time(Configs.ms(10_000), 10));
        CircuitBreaker b = breaker(c);
        fail(b, 1);
        clock.advanceMillis(3000);
        fail(b, 1);
        clock.advanceMillis(3000);
        fail(b, 1);
        clock.advanceMillis(3000);
        assertEquals(State.CLOSED, b.state());
        fail(b, 1); // all four within 10 s
        assertEquals(State.OPEN, b.state());
    }

    @Test
    void idleResetForgetsOldFailures() {
        BreakerConfig c = Configs.withIdleReset(Configs.count(100, 10), 60_000);
        CircuitBreaker b = breaker(c);
        succeed(b, 5);
        fail(b, 4);
        clock.advanceMillis(60_000);
        fail(b, 1); // would be 5 of 10, but the 4 old failures were forgotten
        assertEquals(State.CLOSED, b.state());
        assertEquals(1, b.metrics().windowCalls());
    }

    @Test
    void idleResetAppliesBeforeASuccessCouldTrip() {
        BreakerConfig c = Configs.withIdleReset(Configs.count(100, 10), 60_000);
        CircuitBreaker b = breaker(c);
        fail(b, 9);
        clock.advanceMillis(60_000);
        succeed(b, 1);
        assertEquals(State.CLOSED, b.state());
    }

    @Test
    void idleResetKeepsRecentFailures() {
        BreakerConfig c = Configs.withIdleReset(Configs.count(100, 10), 60_000);
        CircuitBreaker b = breaker(c);
        succeed(b, 5);
        fail(b, 4);
        clock.advanceMillis(59_999);
        fail(b, 1);
        assertEquals(State.OPEN, b.state());
    }

    @Test
    void ignoredOutcomesCountNeitherWay() {
        CircuitBreaker b = breaker(Configs.count(10, 2));
        for (int i = 0; i < 5; i++) {
            b.onIgnored(b.acquire());
        }
        assertEquals(0, b.metrics().windowCalls());
        assertEquals(5, b.metrics().totalIgnored());
        assertEquals(5, b.metrics().totalCalls());
    }

    @Test
    void lastFailureAndSuccessAreRecorded() {
        CircuitBreaker b = breaker(Configs.count(10, 10));
        assertEquals(0, b.metrics().lastSuccessAtMillis());
        succeed(b, 1);
        clock.advanceMillis(2000);
        long p = b.acquire();
        b.onFailure(p, -1, new IOException("connection reset"));
        assertEquals("java.io.IOException: connection reset", b.metrics().lastFailure());
        assertEquals(clock.currentTimeMillis(), b.metrics().lastFailureAtMillis());
        assertEquals(clock.currentTimeMillis() - 2000, b.metrics().lastSuccessAtMillis());
    }
}
