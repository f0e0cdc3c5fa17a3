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
 * reconfigured window) is published with nothing to tell.
 */
final class TransitionOrder {
    private static final Object NOTHING = new Object();

    /** The generation of the last state told (or passed over); a breaker's first state is generation 0. */
    private int told;
    /**
     * Whether a thread is telling now. While none is, {@link #early} never holds {@code told + 1}:
     * the thread that brings it tells it, and a thread stops telling only when it is absent.
     */
    private boolean telling;
    /** Transitions (or {@link #NOTHING}) that came before their turn, by generation; made on the first. */
    private Map<Integer, Object> early;

    /**
     * The listeners are to hear {@code transition} as {@code generation}; null when there is
     * nothing to tell (no listener when it happened, or a generation taken without a transition).
     */
    void publish(int generation, Transition transition, CircuitBreaker breaker) {
        Object next = transition == null ? NOTHING : transition;
        synchronized (this) {
            if (telling || generation != told + 1) {
                if (early == null) {
                    early = new HashMap<>(4);
                }
                early.put(generation, next); // told by the thread that tells the one before it
                return;
            }
            told = generation;
            telling = true;
        }
        while (true) { // tell() catches what a listener throws: this loop always ends in the lock below
            if (next instanceof Transition) {
                Transition t = (Transition) next;
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
