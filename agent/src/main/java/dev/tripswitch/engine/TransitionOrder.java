package dev.tripswitch.engine;

import java.util.HashMap;
import java.util.Map;

/**
 * Tells a breaker's listeners of its transitions in the order they happened, whichever
 * thread made each. Every new state carries the next generation, but the thread that made
 * a transition can be descheduled between the state change and telling the listeners
 * (the refresh timer moving OPEN to HALF_OPEN) while a caller makes the next one (its
 * trial closes the breaker): told as they come, JConsole and the log would show CLOSED
 * before HALF_OPEN.
 *
 * <p>A transition that comes early waits here until those before it are told; its thread
 * does not wait. One thread at a time tells (outside the lock), and tells whatever became
 * due meanwhile before it leaves, so a slow listener never holds up another caller's
 * transition, only the telling of it. A generation consumed without a transition (a
 * reconfigured window) is marked done with {@link #skip}.
 */
final class TransitionOrder {
    private static final Object SKIP = new Object();

    /** The generation of the last state told (or skipped). */
    private int told;
    private boolean telling;
    /** Transitions (or {@link #SKIP}) that came before their turn, by generation; made on the first. */
    private Map<Integer, Object> early;

    TransitionOrder(int firstGeneration) {
        told = firstGeneration;
    }

    /** The listeners are to hear {@code transition} (null: none listened when it happened) as {@code generation}. */
    void publish(int generation, Transition transition, CircuitBreaker breaker) {
        arrive(generation, transition == null ? SKIP : transition, breaker);
    }

    /** {@code generation} was taken without a transition to tell. */
    void skip(int generation, CircuitBreaker breaker) {
        arrive(generation, SKIP, breaker);
    }

    private void arrive(int generation, Object event, CircuitBreaker breaker) {
        Object next;
        synchronized (this) {
            if (telling || generation != told + 1) {
                if (early == null) {
                    early = new HashMap<>(4);
                }
                early.put(generation, event);
                if (telling) {
                    return; // the thread telling now tells this one too when its turn comes
                }
                next = early.remove(told + 1);
                if (next == null) {
                    return; // an earlier one is still on its way; its thread tells this one after it
                }
            } else {
                next = event;
            }
            told++;
            telling = true;
        }
        while (true) { // tell() catches what a listener throws: this loop always ends in the lock below
            if (next instanceof Transition t) {
                breaker.tell(t);
            }
            synchronized (this) {
                next = early == null ? null : early.remove(told + 1);
                if (next == null) {
                    telling = false;
                    return;
                }
                told++;
            }
        }
    }
}
