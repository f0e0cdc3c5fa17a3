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
    private static final int[] NOT_COVERED = {};
    /**
     * What {@link #breakerFor} returns for a call that runs unguarded and counts nothing, while
     * the calls it makes count on their own (a pool's checkout whose database cannot be told:
     * its connects and statements name it).
     */
    public static final Object UNCOUNTED = new Object();
    /**
     * The ids of the rules whose calls contain this rule's calls on the same thread (a Spring
     * {@code ClientHttpRequest#execute} around the JDK client's {@code sendAsync}): while one of
     * them runs, this rule's calls are nested and count nothing.
     */
    private volatile int[] coveredBy = NOT_COVERED;

    /**
     * For a rule that covers others, what its subscriptions put in a Reactor subscriber's
     * context ({@link #callKey(int)}), so the covered rules' publishers subscribed inside
     * them, on whatever thread, count nothing; null for a rule that covers none.
     */
    private volatile String callKey;
    /** The {@link #callKey(int) context keys} of the rules in {@link #coveredBy()}. */
    private volatile String[] coveringKeys = new String[0];

    /** Set when the rules in force are installed (docs/presets.md, "One request, one call"). */
    public final void coveredBy(int[] ruleIds) {
        coveredBy = ruleIds == null || ruleIds.length == 0 ? NOT_COVERED : ruleIds.clone();
        String[] keys = new String[coveredBy.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = callKey(coveredBy[i]);
        }
        coveringKeys = keys;
    }

    /** Set when the rules in force are installed: this rule, {@code ruleId}, covers others (or no longer does). */
    public final void covering(int ruleId, boolean coversOthers) {
        callKey = coversOthers ? callKey(ruleId) : null;
    }

    /** The Reactor context key this rule's subscriptions carry while they run, or null when it covers no rule. */
    public final String callKey() {
        return callKey;
    }

    /** The Reactor context keys of the rules that cover this one; empty for most rules. */
    public final String[] coveringKeys() {
        return coveringKeys;
    }

    /** The context key of a covering rule's subscription: a string, equal across reloads and class loaders. */
    public static String callKey(int ruleId) {
        return "dev.tripswitch.call." + ruleId;
    }

    /** The ids of the rules that cover this one; an empty array for most rules. */
    public final int[] coveredBy() {
        return coveredBy;
    }

    /**
     * A call on {@code self} ran inside a call of a rule that covers this one: for a library
     * whose objects make one exchange each ({@code HttpURLConnection}), that exchange is the
     * covering call's, and later reads of it (Spring reading the status after
     * {@code execute()}) count nothing here either.
     */
    public void covered(Object self) {
    }

    /**
     * The breaker for this call; its {@link CircuitBreaker#gate(boolean) gate} when the call only passes
     * through to the breaker's calls (a pool's checkout: rejected while the breaker would reject,
     * never counted); {@link #UNCOUNTED}; or null to let it run unprotected, the calls it makes
     * nested in it.
     */
    public abstract Object breakerFor(Object self, Object[] args);

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
     * @param kind       {@link CallKind#SYNC}, {@link CallKind#FUTURE} (the method returns a
     *                   CompletionStage) or {@link CallKind#START} (it starts a call that ends elsewhere)
     */
    public abstract Object rejected(CircuitBreaker breaker, Class<?> origin, String method, CallKind kind,
                                    Object self, Object[] args);

    /** A call was let through in a method that only starts it: remember its permit for its completion. */
    public void park(CircuitBreaker breaker, long permit, long start, Object self, Object[] args) {
    }

    /** The method that started a call returned (the call goes on) or threw (it never started). */
    public void started(CircuitBreaker breaker, long permit, long start, Object self, Object returned,
                        Throwable thrown, Object[] args) {
        if (thrown != null) {
            record(breaker, permit, start == 0 ? -1 : System.nanoTime() - start, self, null, thrown, args);
        }
    }

    /**
     * Chaos: the fault to inject into this permitted call, already recorded as its outcome, or
     * null to let it run.
     */
    public Throwable chaosFailure(CircuitBreaker breaker, long permit) {
        return null;
    }

    /** Chaos: delays this call (on its own thread) and says whether it did. */
    public boolean chaosDelay(CircuitBreaker breaker) {
        return false;
    }

    /** What a call that chaos failed ends with, by kind: thrown, a failed future, or the library's failure path. */
    public Object injected(Throwable fault, CallKind kind, Object self, Object[] args) {
        return kind == CallKind.FUTURE ? java.util.concurrent.CompletableFuture.failedFuture(fault)
                : new Dispatcher.Throw(fault);
    }

    /**
     * Retry: how long to wait before trying a failed call again, or -1 not to retry it (no
     * {@code retry:}, attempts used up, a failure {@code retry.on} does not name, a call the
     * library or the rule says must not be repeated).
     *
     * @param retry   1 for the first retry
     * @param method  the woven method's name
     */
    public long retryDelay(CircuitBreaker breaker, int retry, String method, Object self, Object[] args,
                           Throwable failure) {
        return -1;
    }

    /**
     * Retry for a method returning a future: the future the application gets, which follows
     * {@code future} and, if it fails in a way the rule retries, runs the method again later
     * (on the JDK's shared delayed executor: no thread waits). Default: {@code future} itself.
     *
     * @param ruleId this rule's id, for {@link Dispatcher#retryRunStarts}
     * @param origin the class declaring the woven method
     * @param method its name and descriptor
     */
    public Object retrying(int ruleId, CircuitBreaker breaker, java.util.concurrent.CompletionStage<?> future, Class<?> origin,
                           String method, Object self, Object[] args) {
        return future;
    }

    /** The publisher a reactive method returns instead of {@code publisher} (each subscription a call). */
    public Object subscribed(Object self, Object publisher, Object[] args) {
        return publisher;
    }

    /** A method through which started calls complete is entered or has run; settles the call it completes, if any. */
    public void completed(Object self, String method, Object[] args) {
    }

    /** Reports an unexpected failure of the agent's own code; the call goes on as if unprotected. */
    public abstract void internalError(String where, Throwable error);
}
