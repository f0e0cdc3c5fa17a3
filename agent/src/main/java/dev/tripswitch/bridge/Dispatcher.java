package dev.tripswitch.bridge;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

import dev.tripswitch.engine.CallSampler;
import dev.tripswitch.engine.CircuitBreaker;
import dev.tripswitch.engine.Clock;
import dev.tripswitch.engine.Permit;

/**
 * What woven advice calls. Lives on the bootstrap class path so that advice pasted into
 * JDK and application classes alike can reach it; names only JDK and engine types.
 *
 * <p>Every method here contains its own failures: the application never sees an
 * exception from the agent, only (when a breaker rejects) the one its rule asks for.
 * A per-thread depth per rule makes nested calls for the same breaker count once; it is
 * looked up once per call ({@link #depth()}) and handed back to every later step.
 */
public final class Dispatcher {
    /** The call is nested inside another one for the same rule: run it, count nothing. */
    public static final Object NESTED = new Object();
    /** {@link #acquire} result: run the call without a permit (nested, or the agent failed). */
    public static final long UNTRACKED = -2L;

    private static final Binding[] NONE = {};
    private static volatile Binding[] bindings = NONE;
    private static final ThreadLocal<CallDepth> DEPTH = new ThreadLocal<>() {
        @Override
        protected CallDepth initialValue() { // not a lambda: the agent starts without the lambda machinery
            return new CallDepth();
        }
    };

    private Dispatcher() {
    }

    /** Installs the rules' bindings; index = the rule id bound into the advice. */
    public static void install(Binding[] next) {
        bindings = next.clone();
    }

    /** The running agent's reload, for a second copy of the agent loaded with a rules file (attach again). */
    private static volatile java.util.function.Function<String, String> reloadHook;

    /** The running agent says how to put another rules file in force. */
    public static void reloadHook(java.util.function.Function<String, String> hook) {
        reloadHook = hook;
    }

    /**
     * A second copy of the agent (attached again with a rules file) asks the running one to put
     * {@code rulesFile} in force; returns what it did, or null when no agent runs here.
     */
    public static String reload(String rulesFile) {
        java.util.function.Function<String, String> hook = reloadHook;
        return hook == null ? null : hook.apply(rulesFile);
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
     * This thread's call depths, looked up once per woven call and kept in a local of the
     * woven method until it ends; null when even that fails (the call then runs unguarded).
     */
    public static Object depth() {
        try {
            return DEPTH.get();
        } catch (Throwable e) {
            return null;
        }
    }

    /**
     * Before the call: the breaker (its permit comes from {@link #acquire}), {@link #NESTED},
     * or null when the rule is gone or the agent failed (then {@link #exit} does nothing).
     *
     * @param depth what {@link #depth()} returned for this call
     */
    public static Object enter(int ruleId, Object depth, Object self, Object[] args) {
        Binding binding = binding(ruleId);
        if (binding == null || !(depth instanceof CallDepth)) {
            return null;
        }
        CallDepth d = (CallDepth) depth;
        int level;
        try {
            level = d.enter(ruleId, binding.coveredBy());
        } catch (Throwable e) {
            internalError(binding, "call depth", e);
            return null; // no level was taken
        }
        // from here the level is taken: whatever happens, the call's end (or this method) leaves it
        d.busy++;
        try {
            if (level == CallDepth.COVERED) {
                binding.covered(self); // part of another rule's call: this object's exchange is that call's
            }
            if (level != CallDepth.OUTERMOST) {
                return NESTED; // nested in a call of the same rule or a covering one, or the agent's own bookkeeping
            }
            Object breaker = binding.breakerFor(self, args);
            if (breaker instanceof CircuitBreaker.Gate || breaker == Binding.UNCOUNTED) {
                d.leave(ruleId); // a pass-through takes no level: the calls it passes to are counted
                return breaker == Binding.UNCOUNTED ? null : breaker;
            }
            return breaker != null ? breaker : NESTED;
        } catch (Throwable e) {
            d.leave(ruleId); // null tells the call's end there is no level to leave
            internalError(binding, "key", e);
            return null;
        } finally {
            d.busy--;
        }
    }

    /** A permit for the call, {@link Permit#REJECTED} to skip it, or {@link #UNTRACKED}. */
    public static long acquire(int ruleId, Object call) {
        if (!(call instanceof CircuitBreaker)) {
            return call instanceof CircuitBreaker.Gate ? passThrough(ruleId, (CircuitBreaker.Gate) call) : UNTRACKED;
        }
        try {
            long permit = ((CircuitBreaker) call).acquire();
            return chaos && permit >= 0 ? chaosFailure(ruleId, (CircuitBreaker) call, permit) : permit;
        } catch (Throwable e) {
            internalError(ruleId, "acquire", e);
            return UNTRACKED;
        }
    }

    /** A pass-through call: rejected when its breaker would reject a call now, else run uncounted. */
    private static long passThrough(int ruleId, CircuitBreaker.Gate gate) {
        try {
            return gate.admits() ? UNTRACKED : Permit.REJECTED;
        } catch (Throwable e) {
            internalError(ruleId, "acquire", e);
            return UNTRACKED;
        }
    }

    /**
     * Whether the rules' {@code chaos:} blocks inject faults: {@code agent.chaos}, switched off
     * at once by JMX {@code Agent.ChaosEnabled}. Off, it costs one read of this field per call.
     */
    private static volatile boolean chaos;
    /** A fault chaos injected into this thread's call, waiting for {@link #rejected} to deliver it. */
    private static final ThreadLocal<Throwable> INJECTED = new ThreadLocal<>();

    public static void chaos(boolean on) {
        chaos = on;
    }

    public static boolean chaos() {
        return chaos;
    }

    /** A permitted call that chaos fails instead: its failure is recorded, and the call is skipped like a rejected one. */
    private static long chaosFailure(int ruleId, CircuitBreaker breaker, long permit) {
        Binding binding = binding(ruleId);
        Throwable fault = binding == null ? null : binding.chaosFailure(breaker, permit);
        if (fault == null) {
            return permit;
        }
        INJECTED.set(fault);
        return Permit.REJECTED;
    }

    /**
     * {@code System.nanoTime()} when this call should be timed, else 0; chaos may delay the call here.
     *
     * @param depth what {@link #depth()} returned for this call (its thread's sampler picks the timed calls)
     */
    public static long start(int ruleId, Object depth, Object call) {
        try {
            if (chaos && call instanceof CircuitBreaker) {
                Binding binding = binding(ruleId);
                long before = System.nanoTime();
                if (binding != null && binding.chaosDelay((CircuitBreaker) call)) {
                    return before == 0 ? 1 : before; // timed from before the delay, as the dependency's own would be
                }
            }
            CallSampler sampler = depth instanceof CallDepth ? ((CallDepth) depth).sampler : null;
            if (call instanceof CircuitBreaker && ((CircuitBreaker) call).timeCall(sampler)) {
                long now = System.nanoTime();
                return now == 0 ? 1 : now;
            }
        } catch (Throwable ignored) {
            // an untimed call loses nothing but a latency sample
        }
        return 0;
    }

    /** After a call that ran (returned or threw): records its outcome. */
    public static void exit(int ruleId, Object depth, Object call, long permit, long start, Object self,
                            Object returned, Throwable thrown, Object[] args) {
        CallDepth d = settle(ruleId, depth, call, permit);
        Binding binding = d == null ? null : binding(ruleId);
        if (binding != null) {
            try {
                recordAsAgent(d, binding, (CircuitBreaker) call, permit, duration(start), self, returned, thrown, args);
            } catch (Throwable e) {
                // never into the woven method: its handler would record this call a second time
                internalError(binding, "record", e);
            }
        }
    }

    /**
     * After a synchronous call threw (its failure recorded by {@link #exit}): whether to run the
     * method again. Returns the attempt the next run is ({@code attempt + 1}), after waiting
     * the rule's delay on this thread, or -1 to let the failure out. A nested call leaves
     * retrying to the outermost one; a breaker that rejects now is not waited for (the next
     * attempt is rejected at once, ending the retries); an interrupted wait ends them too,
     * the thread's interrupt status kept.
     *
     * @param depth   what {@link #depth()} returned for this call
     * @param attempt 0 for the first call, then what this method returned
     */
    public static int retry(int ruleId, Object depth, Object call, int attempt, Throwable thrown, String method,
                            Object self, Object[] args) {
        if (!(call instanceof CircuitBreaker)) {
            return -1;
        }
        Binding binding = binding(ruleId);
        if (binding == null) {
            return -1;
        }
        CircuitBreaker breaker = (CircuitBreaker) call;
        CallDepth d = depth instanceof CallDepth ? ((CallDepth) depth) : null; // the woven method's, looked up once per call
        if (d != null) {
            d.busy++; // reading the request's method may call woven code
        }
        long wait;
        try {
            wait = binding.retryDelay(breaker, attempt + 1, method, self, args, thrown);
            if (wait < 0) {
                return -1;
            }
            breaker.onRetry();
            if (breaker.rejectsNow()) {
                return attempt + 1; // never wait on an open breaker: the next attempt is rejected at once
            }
        } catch (Throwable e) {
            internalError(binding, "retry", e);
            return -1;
        } finally {
            if (d != null) {
                d.busy--;
            }
        }
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the application asked to stop: its failure goes out as it was
                return -1;
            }
        }
        return attempt + 1;
    }

    /**
     * After a call that returned a future: its outcome is recorded when the future completes
     * (a call that threw, or returned null, is recorded at once).
     */
    public static Object exitAsync(int ruleId, Object depth, Object call, long permit, long start, Object self,
                                   Object returned, Throwable thrown, Object[] args, Class<?> origin, String method) {
        CallDepth d = settle(ruleId, depth, call, permit);
        Binding binding = d == null ? null : binding(ruleId);
        if (binding == null) {
            return returned;
        }
        CircuitBreaker breaker = (CircuitBreaker) call;
        boolean handedOver = false; // once the outcome is recorded or left to the future, never again here
        d.busy++;
        try {
            if (thrown != null || !(returned instanceof CompletionStage)) {
                handedOver = true;
                binding.record(breaker, permit, duration(start), self, returned, thrown, args);
                return returned;
            }
            long timeout = breaker.config().timeoutNanos();
            Object followed;
            handedOver = true; // the future's completion records it, even if what follows fails
            if (timeout > 0 && returned instanceof CompletableFuture) {
                followed = FutureTimeout.follow(binding, breaker, permit, start, self, (CompletableFuture<?>) returned,
                        args, timeout);
            } else {
                long since = start != 0 ? start : System.nanoTime(); // a cancel is judged by its time in flight
                ((CompletionStage<?>) returned).whenComplete((value, failure) ->
                        recordLater(binding, breaker, permit, failure instanceof java.util.concurrent.CancellationException
                                ? System.nanoTime() - since : duration(start), self, value, failure, args));
                followed = returned;
            }
            return binding.retrying(ruleId, breaker, (CompletionStage<?>) followed, origin, method, self, args);
        } catch (Throwable e) {
            internalError(binding, "future completion", e);
            if (!handedOver) {
                try {
                    breaker.onIgnored(permit);
                } catch (Throwable ignored) {
                    // nothing more can be done; maxWait reclaims a trial permit
                }
            }
            return returned;
        } finally {
            d.busy--;
        }
    }

    /** Set on the thread where the agent runs a retry of a future-returning method of a rule. */
    private static final ThreadLocal<RetryRun> RETRY_RUN = new ThreadLocal<>();

    /** A retry of a future-returning method the agent is running on this thread: which rule, and whether it was rejected. */
    private static final class RetryRun {
        final int ruleId;
        boolean rejected;

        RetryRun(int ruleId) {
            this.ruleId = ruleId;
        }
    }

    /**
     * The agent is about to run a retry of a future-returning method of this rule on this
     * thread: its woven code then returns the attempt's own future instead of starting retries
     * of its own. Ends with {@link #retryRunEnds()}.
     */
    public static void retryRunStarts(int ruleId) {
        RETRY_RUN.set(new RetryRun(ruleId));
    }

    /**
     * Whether this thread is running a retry of {@code ruleId}'s future-returning method: the
     * retries already under way follow the attempt's own future. Asked only by a rule that
     * retries, so other future-returning calls never look this thread-local up.
     */
    public static boolean inRetryRun(int ruleId) {
        RetryRun run = RETRY_RUN.get();
        return run != null && run.ruleId == ruleId;
    }

    /** The retry run is over; true when its breaker rejected it (which ends the retries). */
    public static boolean retryRunEnds() {
        RetryRun run = RETRY_RUN.get();
        RETRY_RUN.remove();
        return run != null && run.rejected;
    }

    /** Records a future's outcome on the thread that completed it, marked as the agent's own work there too. */
    static void recordLater(Binding binding, CircuitBreaker breaker, long permit, long duration, Object self,
                                    Object value, Throwable failure, Object[] args) {
        recordAsAgent((CallDepth) depth(), binding, breaker, permit, duration, self, value, failure, args);
    }

    /** Records an outcome with this thread marked as doing the agent's own work ({@code depth} null: unmarked). */
    private static void recordAsAgent(CallDepth depth, Binding binding, CircuitBreaker breaker, long permit,
                                      long duration, Object self, Object returned, Throwable thrown, Object[] args) {
        if (depth != null) {
            depth.busy++;
        }
        try {
            binding.record(breaker, permit, duration, self, returned, thrown, args);
        } finally {
            if (depth != null) {
                depth.busy--;
            }
        }
    }

    /**
     * Right after a call was let through in a method that only starts it ({@link CallKind#START}):
     * the binding parks the permit where the call's completion will find it, before the
     * call can complete on another thread.
     */
    public static void park(int ruleId, Object depth, Object call, long permit, long start, Object self,
                            Object[] args) {
        Binding binding = permit < 0 || !(call instanceof CircuitBreaker) ? null : binding(ruleId);
        if (binding == null) {
            return;
        }
        CallDepth d = depth instanceof CallDepth ? ((CallDepth) depth) : null;
        if (d != null) {
            d.busy++;
        }
        try {
            binding.park((CircuitBreaker) call, permit, start, self, args);
        } catch (Throwable e) {
            internalError(binding, "start", e);
        } finally {
            if (d != null) {
                d.busy--;
            }
        }
    }

    /** After a method that started a call returned or threw: the call goes on elsewhere, or failed to start. */
    public static void exitStarted(int ruleId, Object depth, Object call, long permit, long start, Object self,
                                   Object returned, Throwable thrown, Object[] args) {
        CallDepth d = settle(ruleId, depth, call, permit);
        Binding binding = d == null ? null : binding(ruleId);
        if (binding == null) {
            return;
        }
        d.busy++;
        try {
            binding.started((CircuitBreaker) call, permit, start, self, returned, thrown, args);
        } catch (Throwable e) {
            internalError(binding, "start", e);
        } finally {
            d.busy--;
        }
    }

    /**
     * A method through which a started call's outcome arrives (a callback's {@code onResponse},
     * a future's {@code completed}) is entered or has run: the binding settles the call it
     * belongs to, if any.
     */
    public static void completed(int ruleId, Object self, String method, Object[] args) {
        Binding binding = binding(ruleId);
        if (binding == null) {
            return;
        }
        CallDepth d = (CallDepth) depth();
        if (d != null) {
            if (d.busy > 0) {
                return; // the agent's own delivery of a rejection: no call of the dependency to settle
            }
            d.busy++;
        }
        try {
            binding.completed(self, method, args);
        } catch (Throwable e) {
            internalError(binding, "completion", e);
        } finally {
            if (d != null) {
                d.busy--;
            }
        }
    }

    /**
     * A method returning a Reactor {@code Mono} or {@code Flux} returns {@code publisher}: what it
     * returns instead, a publisher of the same type whose every subscription is a call (permit
     * on subscribe, recorded at the terminal signal). Any failure here returns the original.
     */
    public static Object subscribed(int ruleId, Object self, Object publisher, Object[] args) {
        Binding binding = publisher == null ? null : binding(ruleId);
        if (binding == null) {
            return publisher;
        }
        CallDepth d = (CallDepth) depth();
        if (d != null) {
            d.busy++;
        }
        try {
            return binding.subscribed(self, publisher, args);
        } catch (Throwable e) {
            internalError(binding, "publisher", e);
            return publisher;
        } finally {
            if (d != null) {
                d.busy--;
            }
        }
    }

    /**
     * Whether a call of one of the rules {@code coveredBy} is in progress on this thread: a
     * publisher subscribed inside it (Spring's {@code ClientHttpRequest#execute} blocking on
     * Reactor Netty) is that call's and counts nothing of its own.
     */
    public static boolean coveredNow(int[] coveredBy) {
        if (coveredBy.length == 0) {
            return false;
        }
        try {
            return DEPTH.get().covered(coveredBy);
        } catch (Throwable e) {
            return false;
        }
    }

    /**
     * What {@link #rejected} returns when the call must run after all: its rule was removed
     * by a reload between the rejection and its answer, so nothing answers for it; the woven
     * method starts over and, finding no rule, runs the call unguarded.
     */
    public static final Object RUN = new Object();

    /**
     * After a call that was skipped because its breaker rejected it: what the method ends
     * with (a value, a {@link Throw}, or {@link #RUN}). Never null for want of a rule, never
     * throws: a rejected call gets its rule's answer or runs.
     */
    public static Object rejected(int ruleId, Object depth, Object call, Class<?> origin, String method,
                                  int kind, Object self, Object[] args) {
        try {
            return answer(ruleId, depth, call, origin, method, CallKind.of(kind), self, args);
        } catch (Throwable e) {
            internalError(binding(ruleId), "whenOpen", e);
            return RUN; // the agent cannot answer: the call runs as if there were no breaker
        }
    }

    private static Object answer(int ruleId, Object depth, Object call, Class<?> origin, String method,
                                 CallKind kind, Object self, Object[] args) {
        CallDepth d;
        if (call instanceof CircuitBreaker.Gate) {
            call = ((CircuitBreaker.Gate) call).breaker();
            d = depth instanceof CallDepth ? (CallDepth) depth : null; // a pass-through took no level
        } else {
            d = leave(ruleId, depth);
        }
        Binding binding = binding(ruleId);
        if (kind == CallKind.FUTURE) {
            RetryRun run = RETRY_RUN.get();
            if (run != null && run.ruleId == ruleId) {
                run.rejected = true;
            }
        }
        Throwable injected = chaos ? INJECTED.get() : null;
        if (injected != null) {
            INJECTED.remove();
        }
        if (injected != null && (binding == null || d == null)) {
            return new Throw(injected);
        }
        if (binding == null || !(call instanceof CircuitBreaker) || d == null) {
            return RUN; // the rule was removed meanwhile: nobody answers for it, so the call runs
        }
        d.busy++;
        try {
            Object answer = injected != null ? binding.injected(injected, kind, self, args)
                    : binding.rejected((CircuitBreaker) call, origin, method, kind, self, args);
            return answer;
        } finally {
            d.busy--;
        }
    }

    /**
     * The common end of a call that ran: leaves the nesting level {@link #enter} took, and
     * returns this thread's depths when there is an outcome to record, or null when there is
     * nothing (no breaker, a nested call, an untracked permit).
     */
    private static CallDepth settle(int ruleId, Object depth, Object call, long permit) {
        if (call == null || call instanceof CircuitBreaker.Gate) {
            return null; // enter() gave up before counting this call as a level, or it passed through
        }
        CallDepth d = leave(ruleId, depth);
        return permit < 0 || !(call instanceof CircuitBreaker) ? null : d;
    }

    private static CallDepth leave(int ruleId, Object depth) {
        if (!(depth instanceof CallDepth)) {
            return null; // enter() returned null, so there is nothing to undo
        }
        CallDepth d = (CallDepth) depth;
        d.leave(ruleId);
        return d;
    }

    static long duration(long start) {
        return start == 0 ? -1 : System.nanoTime() - start;
    }

    private static void internalError(int ruleId, String where, Throwable e) {
        internalError(binding(ruleId), where, e);
    }

    /** Reports the agent's own failure; reporting itself never throws into the woven method. */
    private static void internalError(Binding binding, String where, Throwable e) {
        if (binding == null) {
            return;
        }
        try {
            binding.internalError(where, e);
        } catch (Throwable ignored) {
            // the report failed too (out of memory, a broken log): the call goes on regardless
        }
    }

    /**
     * One thread's depths (and its call sampler): how deep the agent's own bookkeeping is ({@code busy}: a woven
     * method it calls, say a key getter woven by another rule, then runs unguarded instead
     * of recursing), and per rule how deep its calls are nested. The array grows in place,
     * so a woven method that saved this object at its start leaves the level it entered.
     */
    static final class CallDepth {
        int busy;
        private int[] nested = new int[8];
        /** Which of this thread's calls are timed; created on the thread it serves, as its random source requires. */
        final CallSampler sampler = new CallSampler(ThreadLocalRandom.current(), Clock.system());

        /** {@link #enter}: the call is the outermost of its rule and runs guarded. */
        static final int OUTERMOST = 0;
        /** {@link #enter}: nested in a call of the same rule, or made by the agent's own bookkeeping. */
        static final int NESTED = 1;
        /** {@link #enter}: inside a call of a rule that covers this one (one request, one call). */
        static final int COVERED = 2;

        /**
         * Enters a level of {@code ruleId}: {@link #OUTERMOST}, or, for a call that runs
         * unguarded, {@link #NESTED} or {@link #COVERED} (a rule in {@code coveredBy} has a call
         * in progress on this thread).
         */
        int enter(int ruleId, int[] coveredBy) {
            if (ruleId >= nested.length) {
                nested = Arrays.copyOf(nested, Math.max(ruleId + 1, nested.length * 2));
            }
            if (nested[ruleId]++ > 0 || busy > 0) {
                return NESTED;
            }
            return covered(coveredBy) ? COVERED : OUTERMOST;
        }

        /** Whether one of the rules {@code coveredBy} has a call in progress on this thread. */
        boolean covered(int[] coveredBy) {
            for (int outer : coveredBy) {
                if (outer < nested.length && nested[outer] > 0) {
                    return true;
                }
            }
            return false;
        }

        void leave(int ruleId) {
            if (ruleId < nested.length && nested[ruleId] > 0) {
                nested[ruleId]--;
            }
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
