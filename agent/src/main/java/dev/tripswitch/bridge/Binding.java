package dev.tripswitch.bridge;

import dev.tripswitch.engine.CircuitBreaker;

/**
 * One rule as woven code sees it: which breaker a call belongs to, how its outcome is
 * judged and what a rejected call returns. Declared here, on the bootstrap class path,
 * and implemented by the agent (which may use anything); the {@link Dispatcher} calls it
 * only through this type, so JDK classes never have to see the agent's classes.
 *
 * <p>No method may throw: each settles what it can and reports its own failures once.
 */
public abstract class Binding {

    /** The breaker for this call, or null to let it run unprotected. */
    public abstract CircuitBreaker breakerFor(Object self, Object[] args);

    /**
     * Judges a finished call and records it on {@code breaker} with exactly one outcome.
     *
     * @param durationNanos the measured duration, or -1
     * @param self          the object the method was called on, or null for a static method
     * @param thrown        what the call threw, or null
     */
    public abstract void record(CircuitBreaker breaker, long permit, long durationNanos, Object self, Object returned,
                                Throwable thrown, Object[] args);

    /**
     * What a rejected call ends with: a value to return, or a {@link Dispatcher.Throw}.
     *
     * @param origin     the class that declares the woven method
     * @param method     the woven method's name and descriptor, e.g. {@code charge(Ljava/lang/String;)J}
     * @param async      the method returns a CompletableFuture or CompletionStage
     */
    public abstract Object rejected(CircuitBreaker breaker, Class<?> origin, String method, boolean async,
                                    Object self, Object[] args);

    /** Reports an unexpected failure of the agent's own code; the call goes on as if unprotected. */
    public abstract void internalError(String where, Throwable error);
}
