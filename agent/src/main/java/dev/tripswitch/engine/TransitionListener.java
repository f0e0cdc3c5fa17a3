package dev.tripswitch.engine;

/**
 * Told of every change of state, on the thread that caused it and outside any lock.
 * Keep it quick: hand slow work (JMX notifications, network) to an executor.
 */
@FunctionalInterface
public interface TransitionListener {
    void onTransition(CircuitBreaker breaker, Transition transition);
}
