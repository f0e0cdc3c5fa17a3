package dev.tripswitch.engine;

/**
 * Told of every change of state, in the order the breaker made them, outside any lock:
 * on the thread that caused it, or on the thread still telling the one before it (see
 * {@link TransitionOrder}). Keep it quick: hand slow work (JMX notifications, network)
 * to an executor.
 */
@FunctionalInterface
public interface TransitionListener {
    void onTransition(CircuitBreaker breaker, Transition transition);
}
