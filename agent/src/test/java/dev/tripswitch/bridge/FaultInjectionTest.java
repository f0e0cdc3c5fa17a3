package dev.tripswitch.bridge;

import java.util.concurrent.CompletableFuture;

import dev.tripswitch.engine.BreakerConfig;
import dev.tripswitch.engine.CircuitBreaker;
import dev.tripswitch.engine.Clock;
import dev.tripswitch.engine.Permit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each step of the agent on a call's path made to throw once, an exception or an error (the
 * report of the failure may fail too): the Dispatcher lets nothing out into the woven method,
 * settles the permit at most once (the bulkhead's count comes back to zero), and the next call
 * on the same thread is guarded and counted, never left nested for the life of the thread.
 */
class FaultInjectionTest {
    private final CircuitBreaker breaker = new CircuitBreaker("faulty", null,
            BreakerConfig.builder().maxConcurrent(4).build(), Clock.system());

    @AfterEach
    void uninstall() {
        Dispatcher.install(new Binding[0]);
    }

    @ParameterizedTest
    @CsvSource({"breakerFor,false,false", "breakerFor,true,true", "record,false,false", "record,true,true",
            "park,true,false", "started,true,true", "completed,true,true", "rejected,false,false", "rejected,true,true"})
    void aFailingStepLetsNothingOutSettlesOnceAndLeavesTheNextCallGuarded(String step, boolean error,
                                                                            boolean reportFails) {
        FaultyBinding binding = new FaultyBinding(breaker, step, error, reportFails);
        Dispatcher.install(new Binding[] {binding});
        if (step.equals("rejected")) {
            breaker.forceOpen();
        }
        // the woven sequence of a synchronous call (GuardedMethod), then of a started one
        Object depth = Dispatcher.depth();
        Object call = Dispatcher.enter(0, depth, null, null);
        long permit = Dispatcher.acquire(0, call);
        if (permit == Permit.REJECTED) {
            Object answer = Dispatcher.rejected(0, depth, call, FaultInjectionTest.class, "m()V", CallKind.SYNC.ordinal(), null,
                    null);
            assertTrue(answer == Dispatcher.RUN || "fallback".equals(answer), "an answer or the call runs: " + answer);
            breaker.reset();
        } else {
            long start = Dispatcher.start(0, depth, call);
            Dispatcher.exit(0, depth, call, permit, start, null, "value", null, null);
            Object started = Dispatcher.enter(0, depth, null, null);
            long p = Dispatcher.acquire(0, started);
            Dispatcher.park(0, depth, started, p, 0, null, new Object[0]);
            Dispatcher.exitStarted(0, depth, started, p, 0, null, null, null, new Object[0]);
            Dispatcher.completed(0, null, "onResponse", new Object[0]);
        }
        assertEquals(0, breaker.metrics().inFlight(), "every permit settled exactly once");

        Object next = Dispatcher.enter(0, Dispatcher.depth(), null, null);
        assertSame(breaker, next, "the next call on this thread is guarded, not left nested");
        long before = breaker.metrics().totalCalls();
        Dispatcher.exit(0, Dispatcher.depth(), next, Dispatcher.acquire(0, next), 0, null, "value", null, null);
        assertEquals(before + 1, breaker.metrics().totalCalls(), "and counted");
        assertEquals(0, breaker.metrics().inFlight());
        assertTrue(binding.failing == null, "the fault was injected");
        assertTrue(binding.reports >= 1, "the failure was reported");
    }

    @ParameterizedTest
    @CsvSource({"record,false", "record,true"})
    void aFutureWhoseRecordingFailsIsSettledOnce(String step, boolean error) throws Exception {
        FaultyBinding binding = new FaultyBinding(breaker, step, error, true);
        Dispatcher.install(new Binding[] {binding});
        Object depth = Dispatcher.depth();
        Object call = Dispatcher.enter(0, depth, null, null);
        long permit = Dispatcher.acquire(0, call);
        CompletableFuture<String> future = new CompletableFuture<>();
        Object shown = Dispatcher.exitAsync(0, depth, call, permit, 0, null, future, null, null,
                FaultInjectionTest.class, "m()Ljava/util/concurrent/CompletableFuture;");
        assertSame(future, shown);
        future.complete("value");
        assertEquals(0, breaker.metrics().inFlight(), "settled once");
        assertFalse(future.isCompletedExceptionally(), "the application's future is the application's");
        Object next = Dispatcher.enter(0, Dispatcher.depth(), null, null);
        assertSame(breaker, next, "the next call is guarded");
        Dispatcher.exit(0, Dispatcher.depth(), next, Dispatcher.acquire(0, next), 0, null, "value", null, null);
        assertEquals(0, breaker.metrics().inFlight());
    }
}
