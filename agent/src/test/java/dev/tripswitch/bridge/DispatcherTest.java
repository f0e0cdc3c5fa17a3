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
        public Object rejected(CircuitBreaker b, Class<?> origin, String method, int kind, Object self,
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
        assertEquals(1, breaker.totalCalls());
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
        assertEquals(1, breaker.totalCalls());
    }
}
