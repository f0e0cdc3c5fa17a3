package dev.tripswitch.engine;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drives a breaker the way woven advice does: acquire, then one outcome. */
final class Calls {
    private Calls() {
    }

    static void succeed(CircuitBreaker b, int n) {
        for (int i = 0; i < n; i++) {
            long p = b.acquire();
            assertFalse(Permit.isRejected(p), "call " + i + " was rejected in " + b);
            b.onSuccess(p, -1);
        }
    }

    static void fail(CircuitBreaker b, int n) {
        for (int i = 0; i < n; i++) {
            long p = b.acquire();
            assertFalse(Permit.isRejected(p), "call " + i + " was rejected in " + b);
            b.onFailure(p, -1, new IOException("boom"));
        }
    }

    static void assertRejected(CircuitBreaker b) {
        assertTrue(Permit.isRejected(b.acquire()), "expected a rejection in " + b);
    }
}
