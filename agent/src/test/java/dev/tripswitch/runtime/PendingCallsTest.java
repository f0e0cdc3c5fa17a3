package dev.tripswitch.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tripswitch.engine.BreakerConfig;
import dev.tripswitch.engine.CircuitBreaker;
import dev.tripswitch.engine.Clock;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A started call is taken once, by identity, however many completions race for it. */
class PendingCallsTest {
    private final CircuitBreaker breaker = new CircuitBreaker("a", null, BreakerConfig.DEFAULTS, Clock.system());

    @Test
    void takenOnceByIdentity() {
        PendingCalls pending = new PendingCalls();
        String call = new String("call");
        PendingCalls.Pending p = PendingCalls.Pending.of(breaker, 1, 0);
        pending.put(call, p);
        assertNull(pending.take(new String("call")), "an equal object is another call");
        assertSame(p, pending.take(call));
        assertNull(pending.take(call), "the second completion finds nothing");
        assertEquals(0, pending.size());
    }

    @Test
    void racingCompletionsSettleEachCallOnce() throws InterruptedException {
        PendingCalls pending = new PendingCalls();
        List<Object> calls = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Object call = new Object();
            calls.add(call);
            pending.put(call, PendingCalls.Pending.of(breaker, i, 0));
        }
        AtomicInteger taken = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (Object call : calls) {
                    if (pending.take(call) != null) {
                        taken.incrementAndGet();
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(10_000, taken.get());
        assertEquals(0, pending.size());
    }
}
