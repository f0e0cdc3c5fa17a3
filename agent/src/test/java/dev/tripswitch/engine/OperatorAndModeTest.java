package dev.tripswitch.engine;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static dev.tripswitch.engine.Calls.assertRejected;
import static dev.tripswitch.engine.Calls.fail;
import static dev.tripswitch.engine.Calls.succeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/behaviour.md and docs/jmx.md: FORCED_OPEN, DISABLED, observe mode, reset, runtime thresholds, listeners. */
class OperatorAndModeTest {
    private final FakeClock clock = new FakeClock();

    @Test
    void forcedOpenRejectsEverythingUntilReset() {
        CircuitBreaker b = new CircuitBreaker("x", null, Configs.count(10, 4), clock);
        b.forceOpen();
        clock.advanceMillis(3_600_000);
        assertEquals(State.FORCED_OPEN, b.state());
        assertRejected(b);
        assertEquals(CircuitBreaker.UNTIL_RESET, b.retryAfterMillis(), "an hour later it still waits for a reset");
        b.reset();
        assertEquals(State.CLOSED, b.state());
        succeed(b, 1);
    }

    @Test
    void disabledLetsEverythingThroughAndStillCounts() {
        CircuitBreaker b = new CircuitBreaker("x", null, Configs.count(10, 4).toBuilder().consecutiveFailures(2).build(), clock);
        b.disable();
        fail(b, 10);
        assertEquals(State.DISABLED, b.state());
        assertEquals(10, b.metrics().windowFailures());
        assertEquals(100.0, b.metrics().failureRate());
        assertEquals(10, b.metrics().consecutiveFailures());
        b.reset();
        assertEquals(0, b.metrics().windowCalls());
    }

    @Test
    void resetClosesAndClearsTheWindowButNotTheTotals() {
        CircuitBreaker b = new CircuitBreaker("x", null, Configs.count(10, 4), clock);
        fail(b, 4);
        assertEquals(State.OPEN, b.state());
        b.reset();
        assertEquals(State.CLOSED, b.state());
        assertEquals(0, b.metrics().windowCalls());
        assertEquals(4, b.metrics().totalFailures());
    }

    @Test
    void observeModeComputesTransitionsButNeverRejects() {
        BreakerConfig c = Configs.count(10, 4).toBuilder().mode(Mode.OBSERVE).build();
        CircuitBreaker b = new CircuitBreaker("x", null, c, clock);
        fail(b, 4);
        assertEquals(State.OPEN, b.state());
        for (int i = 0; i < 3; i++) {
            long p = b.acquire();
            assertFalse(Permit.isRejected(p));
            b.onFailure(p, -1, null); // a call let through while open does not judge
        }
        assertEquals(3, b.metrics().wouldReject());
        assertEquals(0, b.metrics().totalRejected());
        assertEquals(State.OPEN, b.state());
        clock.advanceMillis(1000);
        succeed(b, 2);
        assertEquals(State.CLOSED, b.state());
        b.forceOpen();
        assertFalse(Permit.isRejected(b.acquire()));
        assertEquals(4, b.metrics().wouldReject());
    }

    @Test
    void thresholdChangesTakeEffectAtOnceAndKeepTheState() {
        CircuitBreaker b = new CircuitBreaker("x", null, Configs.count(10, 4), clock);
        succeed(b, 3);
        fail(b, 1); // 25%
        assertEquals(State.CLOSED, b.state());
        b.reconfigure(cfg -> cfg.toBuilder().failureRate(20).build());
        assertEquals(4, b.metrics().windowCalls()); // window kept
        fail(b, 1); // 40% >= 20%
        assertEquals(State.OPEN, b.state());
        b.reconfigure(cfg -> cfg.toBuilder().openForNanos(Configs.ms(90_000)).build());
        assertEquals(State.OPEN, b.state());
        assertEquals(90_000, b.config().openForNanos() / 1_000_000);
    }

    @Test
    void invalidThresholdIsRefusedAndNothingChanges() {
        CircuitBreaker b = new CircuitBreaker("x", null, Configs.count(10, 4), clock);
        assertThrows(IllegalArgumentException.class, () -> b.reconfigure(cfg -> cfg.toBuilder().failureRate(150).build()));
        assertThrows(IllegalArgumentException.class, () -> b.reconfigure(cfg -> cfg.toBuilder().minimumCalls(11).build()));
        assertEquals(50.0, b.config().failureRateThreshold());
    }

    @Test
    void aThrowingListenerIsContainedAndOthersStillHear() {
        CircuitBreaker b = new CircuitBreaker("x", null, Configs.count(10, 4), clock);
        List<State> heard = new ArrayList<>();
        b.addListener((br, t) -> {
            throw new IllegalStateException("listener bug");
        });
        b.addListener((br, t) -> heard.add(t.to()));
        fail(b, 4);
        assertEquals(List.of(State.OPEN), heard);
        assertEquals(1, b.metrics().listenerFailures());
    }

    @Test
    void transitionTableRejectsIllegalMoves() {
        assertTrue(Transitions.isLegal(State.CLOSED, State.OPEN));
        assertTrue(Transitions.isLegal(State.OPEN, State.HALF_OPEN));
        assertTrue(Transitions.isLegal(State.HALF_OPEN, State.CLOSED));
        assertTrue(Transitions.isLegal(State.HALF_OPEN, State.OPEN));
        assertFalse(Transitions.isLegal(State.CLOSED, State.HALF_OPEN));
        assertFalse(Transitions.isLegal(State.OPEN, State.OPEN));
        assertFalse(Transitions.isLegal(State.FORCED_OPEN, State.HALF_OPEN));
        assertFalse(Transitions.isLegal(State.DISABLED, State.OPEN));
        assertThrows(IllegalStateException.class, () -> Transitions.check(State.FORCED_OPEN, State.OPEN));
    }

    @Test
    void configValidationSaysWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Configs.count(10, 4).toBuilder().failureRate(0).build());
        assertTrue(e.getMessage().contains("failureRate"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WindowConfig.Count(0));
        assertThrows(IllegalArgumentException.class, () -> new WindowConfig.Time(Configs.ms(50), 10));
        assertThrows(IllegalArgumentException.class, () -> new BreakerConfig.HalfOpen(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new BreakerConfig.Backoff(0.5, 1));
    }
}
