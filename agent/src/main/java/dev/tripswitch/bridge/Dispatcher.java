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
    /**
     * Per thread: [0] how deep the agent's own bookkeeping is (a woven method it calls, say a
     * key getter woven by another rule, then runs unguarded instead of recursing), and
     * [ruleId + 1] how deep calls of that rule are nested.
     */
    private static final ThreadLocal<int[]> DEPTH = new ThreadLocal<>() {
        @Override
        protected int[] initialValue() { // not a lambda: the agent starts without the lambda machinery
            return new int[8];
        }
    };
    private static final int BUSY = 0;

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
            if (ruleId + 1 >= depth.length) {
                depth = Arrays.copyOf(depth, Math.max(ruleId + 2, depth.length * 2));
                DEPTH.set(depth);
            }
        } catch (Throwable e) {
            binding.internalError("call depth", e);
            return null;
        }
        if (depth[ruleId + 1]++ > 0 || depth[BUSY] > 0) {
            return NESTED; // nested in a call of the same rule, or made by the agent's own bookkeeping
        }
        depth[BUSY]++;
        try {
            CircuitBreaker breaker = binding.breakerFor(self, args);
            return breaker != null ? breaker : NESTED;
        } finally {
            depth[BUSY]--;
        }
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
    public static void exit(int ruleId, Object call, long permit, long start, Object self, Object returned,
                            Throwable thrown, Object[] args) {
        int[] depth = settle(ruleId, call, permit);
        Binding binding = depth == null ? null : binding(ruleId);
        if (binding != null) {
            recordAsAgent(depth, binding, (CircuitBreaker) call, permit, duration(start), self, returned, thrown, args);
        }
    }

    /**
     * After a call that returned a future: its outcome is recorded when the future completes
     * (a call that threw, or returned null, is recorded at once).
     */
    public static void exitAsync(int ruleId, Object call, long permit, long start, Object self, Object returned,
                                 Throwable thrown, Object[] args) {
        int[] depth = settle(ruleId, call, permit);
        Binding binding = depth == null ? null : binding(ruleId);
        if (binding == null) {
            return;
        }
        CircuitBreaker breaker = (CircuitBreaker) call;
        depth[BUSY]++;
        try {
            if (thrown != null || !(returned instanceof CompletionStage)) {
                binding.record(breaker, permit, duration(start), self, returned, thrown, args);
                return;
            }
            try {
                ((CompletionStage<?>) returned).whenComplete((value, failure) ->
                        recordLater(binding, breaker, permit, duration(start), self, value, failure, args));
            } catch (Throwable e) {
                binding.internalError("future completion", e);
                binding.record(breaker, permit, duration(start), self, null, null, args);
            }
        } finally {
            depth[BUSY]--;
        }
    }

    /** Records a future's outcome on the thread that completed it, marked as the agent's own work there too. */
    private static void recordLater(Binding binding, CircuitBreaker breaker, long permit, long duration, Object self,
                                    Object value, Throwable failure, Object[] args) {
        int[] depth;
        try {
            depth = DEPTH.get();
        } catch (Throwable ignored) {
            depth = null; // recorded all the same, without the guard
        }
        recordAsAgent(depth, binding, breaker, permit, duration, self, value, failure, args);
    }

    /** Records an outcome with this thread marked as doing the agent's own work ({@code depth} null: unmarked). */
    private static void recordAsAgent(int[] depth, Binding binding, CircuitBreaker breaker, long permit, long duration,
                                      Object self, Object returned, Throwable thrown, Object[] args) {
        if (depth != null) {
            depth[BUSY]++;
        }
        try {
            binding.record(breaker, permit, duration, self, returned, thrown, args);
        } finally {
            if (depth != null) {
                depth[BUSY]--;
            }
        }
    }

    /** After a call that was skipped because its breaker rejected it: what the method ends with. */
    public static Object rejected(int ruleId, Object call, Class<?> origin, String method, boolean async,
                                  Object self, Object[] args) {
        int[] depth = leave(ruleId);
        Binding binding = binding(ruleId);
        if (binding == null || !(call instanceof CircuitBreaker) || depth == null) {
            return null;
        }
        depth[BUSY]++;
        try {
            return binding.rejected((CircuitBreaker) call, origin, method, async, self, args);
        } finally {
            depth[BUSY]--;
        }
    }

    /**
     * The common end of a call that ran: leaves the nesting level {@link #enter} took, and
     * returns this thread's depths when there is an outcome to record, or null when there is
     * nothing (no breaker, a nested call, an untracked permit).
     */
    private static int[] settle(int ruleId, Object call, long permit) {
        if (call == null) {
            return null;
        }
        int[] depth = leave(ruleId);
        return permit < 0 || !(call instanceof CircuitBreaker) ? null : depth;
    }

    private static int[] leave(int ruleId) {
        try {
            int[] depth = DEPTH.get();
            if (ruleId + 1 < depth.length && depth[ruleId + 1] > 0) {
                depth[ruleId + 1]--;
            }
            return depth;
        } catch (Throwable ignored) {
            return null; // enter() failed the same way and returned null, so there is nothing to undo
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
