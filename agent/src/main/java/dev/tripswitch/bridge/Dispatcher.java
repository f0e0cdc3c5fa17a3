package dev.tripswitch.bridge;

import java.util.Arrays;
import java.util.concurrent.CompletionStage;

import dev.tripswitch.engine.CircuitBreaker;
import dev.tripswitch.engine.Permit;

/**
 * What woven advice calls. Lives on the bootstrap class path so that advice pasted into
 * JDK and application classes alike can reach it; names only JDK and engine types.
 *
 * <p>Every method here contains its own failures: the application never sees an
 * exception from the agent, only (when a breaker rejects) the one its rule asks for.
 * A per-thread depth per rule makes nested calls for the same breaker count once.
 */
public final class Dispatcher {
    /** The call is nested inside another one for the same rule: run it, count nothing. */
    public static final Object NESTED = new Object();
    /** {@link #acquire} result: run the call without a permit (nested, or the agent failed). */
    public static final long UNTRACKED = -2L;

    private static final Binding[] NONE = {};
    private static volatile Binding[] bindings = NONE;
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[8]);

    private Dispatcher() {
    }

    /** Installs the rules' bindings; index = the rule id bound into the advice. */
    public static void install(Binding[] next) {
        bindings = next.clone();
    }

    /** True once an agent installed its rules in this JVM (a second copy, or a second attach, then stays out). */
    public static boolean isInstalled() {
        return bindings != NONE;
    }

    /** The binding for a rule id, or null. */
    public static Binding binding(int ruleId) {
        Binding[] all = bindings;
        return ruleId >= 0 && ruleId < all.length ? all[ruleId] : null;
    }

    /**
     * Before the call: the breaker (its permit comes from {@link #acquire}), {@link #NESTED},
     * or null when the rule is gone or the agent failed (then {@link #exit} does nothing).
     */
    public static Object enter(int ruleId, Object self, Object[] args) {
        Binding binding = binding(ruleId);
        if (binding == null) {
            return null;
        }
        int[] depth;
        try {
            depth = DEPTH.get();
            if (ruleId >= depth.length) {
                depth = Arrays.copyOf(depth, Math.max(ruleId + 1, depth.length * 2));
                DEPTH.set(depth);
            }
        } catch (Throwable e) {
            binding.internalError("call depth", e);
            return null;
        }
        if (depth[ruleId]++ > 0) {
            return NESTED;
        }
        CircuitBreaker breaker = binding.breakerFor(self, args);
        return breaker != null ? breaker : NESTED;
    }

    /** A permit for the call, {@link Permit#REJECTED} to skip it, or {@link #UNTRACKED}. */
    public static long acquire(int ruleId, Object call) {
        if (!(call instanceof CircuitBreaker)) {
            return UNTRACKED;
        }
        try {
            return ((CircuitBreaker) call).acquire();
        } catch (Throwable e) {
            internalError(ruleId, "acquire", e);
            return UNTRACKED;
        }
    }

    /** {@code System.nanoTime()} when this call should be timed, else 0. */
    public static long start(Object call) {
        try {
            if (call instanceof CircuitBreaker && ((CircuitBreaker) call).timeCall()) {
                long now = System.nanoTime();
                return now == 0 ? 1 : now;
            }
        } catch (Throwable ignored) {
            // an untimed call loses nothing but a latency sample
        }
        return 0;
    }

    /** After a call that ran (returned or threw): records its outcome. */
    public static void exit(int ruleId, Object call, long permit, long start, Object returned, Throwable thrown,
                            Object[] args) {
        Binding binding = settle(ruleId, call, permit);
        if (binding != null) {
            binding.record((CircuitBreaker) call, permit, duration(start), returned, thrown, args);
        }
    }

    /**
     * After a call that returned a future: its outcome is recorded when the future completes
     * (a call that threw, or returned null, is recorded at once).
     */
    public static void exitAsync(int ruleId, Object call, long permit, long start, Object returned,
                                 Throwable thrown, Object[] args) {
        Binding binding = settle(ruleId, call, permit);
        if (binding == null) {
            return;
        }
        CircuitBreaker breaker = (CircuitBreaker) call;
        if (thrown != null || !(returned instanceof CompletionStage)) {
            binding.record(breaker, permit, duration(start), returned, thrown, args);
            return;
        }
        try {
            ((CompletionStage<?>) returned).whenComplete((value, failure) ->
                    binding.record(breaker, permit, duration(start), value, failure, args));
        } catch (Throwable e) {
            binding.internalError("future completion", e);
            binding.record(breaker, permit, duration(start), null, null, args);
        }
    }

    /** After a call that was skipped because its breaker rejected it: what the method ends with. */
    public static Object rejected(int ruleId, Object call, Class<?> origin, String method, boolean async,
                                  Object self, Object[] args) {
        leave(ruleId);
        Binding binding = binding(ruleId);
        if (binding == null || !(call instanceof CircuitBreaker)) {
            return null;
        }
        return binding.rejected((CircuitBreaker) call, origin, method, async, self, args);
    }

    /**
     * The common end of a call that ran: leaves the nesting level {@link #enter} took, and
     * returns the binding that must record the outcome, or null when there is nothing to record
     * (no breaker, a nested call, or an untracked permit).
     */
    private static Binding settle(int ruleId, Object call, long permit) {
        if (call == null) {
            return null;
        }
        leave(ruleId);
        return permit < 0 || !(call instanceof CircuitBreaker) ? null : binding(ruleId);
    }

    private static void leave(int ruleId) {
        try {
            int[] depth = DEPTH.get();
            if (ruleId < depth.length && depth[ruleId] > 0) {
                depth[ruleId]--;
            }
        } catch (Throwable ignored) {
            // enter() failed the same way and returned null, so there is nothing to undo
        }
    }

    private static long duration(long start) {
        return start == 0 ? -1 : System.nanoTime() - start;
    }

    private static void internalError(int ruleId, String where, Throwable e) {
        Binding binding = binding(ruleId);
        if (binding != null) {
            binding.internalError(where, e);
        }
    }

    /** What {@link #rejected} returns when the method must throw rather than return. */
    public static final class Throw {
        public final Throwable throwable;

        public Throw(Throwable throwable) {
            this.throwable = throwable;
        }
    }
}
