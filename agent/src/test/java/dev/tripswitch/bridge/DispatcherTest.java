package dev.tripswitch.bridge;

import java.util.ArrayList;
import java.util.List;

import dev.tripswitch.engine.BreakerConfig;
import dev.tripswitch.engine.CircuitBreaker;
import dev.tripswitch.engine.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dispatcher never recurses: a woven method the agent itself calls while it finds a
 * breaker or records an outcome (a key getter, a result getter woven by another rule)
 * runs unguarded; nested calls of one rule count once.
 */
class DispatcherTest {
    private final CircuitBreaker breaker = new CircuitBreaker("a", null, BreakerConfig.DEFAULTS, Clock.system());
    private final List<Object> seenInside = new ArrayList<>();

    /** A binding whose bookkeeping calls a method woven for rule 1, as a key getter could. */
    private final class Reentering extends Binding {
        @Override
        public CircuitBreaker breakerFor(Object self, Object[] args) {
            seenInside.add(Dispatcher.enter(1, Dispatcher.depth(), null, null));
            Dispatcher.exit(1, Dispatcher.depth(), Dispatcher.NESTED, Dispatcher.UNTRACKED, 0, null, null, null, null);
            return breaker;
        }

        @Override
        public void record(CircuitBreaker b, long permit, long durationNanos, Object self, Object returned,
                           Throwable thrown,
                           Object[] args) {
            seenInside.add(Dispatcher.enter(1, Dispatcher.depth(), null, null));
            Dispatcher.exit(1, Dispatcher.depth(), Dispatcher.NESTED, Dispatcher.UNTRACKED, 0, null, null, null, null);
            b.onSuccess(permit, durationNanos);
        }

        @Override
        public Object rejected(CircuitBreaker b, Class<?> origin, String method, CallKind kind, Object self,
                               Object[] args) {
            return null;
        }

        @Override
        public void internalError(String where, Throwable error) {
            throw new AssertionError(where, error);
        }
    }

    @AfterEach
    void uninstall() {
        Dispatcher.install(new Binding[0]);
    }

    @Test
    void theAgentsOwnBookkeepingNeverReentersAGuard() {
        Dispatcher.install(new Binding[] {new Reentering(), new Reentering()});
        Object call = Dispatcher.enter(0, Dispatcher.depth(), null, null);
        assertSame(breaker, call);
        long permit = Dispatcher.acquire(0, call);
        Dispatcher.exit(0, Dispatcher.depth(), call, permit, 0, null, null, null, null);
        assertEquals(List.of(Dispatcher.NESTED, Dispatcher.NESTED), seenInside,
                "calls made from inside the agent run unguarded");
        assertEquals(1, breaker.metrics().totalCalls());
        Object next = Dispatcher.enter(1, Dispatcher.depth(), null, null);
        assertSame(breaker, next, "after the bookkeeping, rule 1 guards its calls again");
        Dispatcher.exit(1, Dispatcher.depth(), next, Dispatcher.acquire(1, next), 0, null, null, null, null);
    }

    @Test
    void nestedCallsOfOneRuleCountOnce() {
        Dispatcher.install(new Binding[] {new Reentering(), new Reentering()});
        Object outer = Dispatcher.enter(0, Dispatcher.depth(), null, null);
        long permit = Dispatcher.acquire(0, outer);
        Object inner = Dispatcher.enter(0, Dispatcher.depth(), null, null);
        assertSame(Dispatcher.NESTED, inner);
        assertEquals(Dispatcher.UNTRACKED, Dispatcher.acquire(0, inner));
        Dispatcher.exit(0, Dispatcher.depth(), inner, Dispatcher.UNTRACKED, 0, null, null, null, null);
        Dispatcher.exit(0, Dispatcher.depth(), outer, permit, 0, null, null, null, null);
        assertEquals(1, breaker.metrics().totalCalls());
    }

    @Test
    void aBurstOfCallsIsSampledByTheThreadsSamplerAndEachRuleOfTheThreadAlike() {
        Dispatcher.install(new Binding[] {new Reentering(), new Reentering()});
        CircuitBreaker other = new CircuitBreaker("b", null, BreakerConfig.DEFAULTS, Clock.system());
        int calls = 1_000_000;
        int[] timed = new int[2];
        for (int i = 0; i < calls; i++) {
            int rule = i % 2; // one thread alternating two rules, as fast as it can
            if (Dispatcher.start(rule, Dispatcher.depth(), rule == 0 ? breaker : other) != 0) {
                timed[rule]++;
            }
        }
        assertTrue(timed[0] + timed[1] < calls / 100, timed[0] + timed[1] + " of " + calls + " calls in a burst timed");
        assertTrue(timed[0] >= 20 && timed[1] >= 20, "each rule timed: " + timed[0] + " and " + timed[1]);
    }

    @Test
    void everyCallOfASlowCallRuleIsTimed() {
        Dispatcher.install(new Binding[] {new Reentering()});
        CircuitBreaker slowJudged = new CircuitBreaker("s", null,
                BreakerConfig.builder().slowCallNanos(50_000_000).build(), Clock.system());
        for (int i = 0; i < 100; i++) {
            assertTrue(Dispatcher.start(0, Dispatcher.depth(), slowJudged) > 0);
        }
        assertEquals(0, Dispatcher.start(0, Dispatcher.depth(), Dispatcher.NESTED), "no breaker, nothing to time");
    }
}
