package dev.tripswitch.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;

/**
 * One circuit breaker: the state machine of docs/behaviour.md and the metrics of docs/jmx.md.
 *
 * <p>Callers use two steps: {@link #acquire()} before the call (a permit, or
 * {@link Permit#REJECTED}), then exactly one of {@link #onSuccess}, {@link #onFailure} or
 * {@link #onIgnored} with that permit. In CLOSED both steps are lock-free and allocate
 * nothing: acquiring is one volatile read, recording a healthy call touches the window's
 * cursor and a striped counter. Durations are measured only when {@link #timeCall}
 * says so: always when slow calls are judged, otherwise for the random sample the calling
 * thread's {@link CallSampler} picks (every call of a thread that calls rarely, about a
 * hundred a second of one that calls often), which keeps the latency quantiles unbiased.
 */
public final class CircuitBreaker {
    /** What {@link #retryAfterMillis} says of a FORCED_OPEN breaker: no time lets calls through, only a reset. */
    public static final long UNTIL_RESET = -1;

    /** Marks a time that has not happened yet. */
    static final long NEVER = Long.MIN_VALUE;
    private static final TransitionListener[] NO_LISTENERS = {};
    private static final VarHandle STATE = handle("state", BreakerState.class);
    private static final VarHandle IGNORED = handle("ignored", long.class);
    private static final VarHandle SLOW_CALLS = handle("slowCalls", long.class);
    private static final VarHandle WOULD_REJECT = handle("wouldReject", long.class);
    private static final VarHandle BULKHEAD_REJECTED = handle("bulkheadRejected", long.class);
    private static final VarHandle RETRIES = handle("retries", long.class);
    private static final VarHandle IN_FLIGHT = handle("inFlight", int.class);
    private static final VarHandle TIMES_OPENED = handle("timesOpened", long.class);
    private static final VarHandle LISTENER_FAILURES = handle("listenerFailures", long.class);

    private static VarHandle handle(String field, Class<?> type) {
        try {
            return MethodHandles.lookup().findVarHandle(CircuitBreaker.class, field, type);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final String key;
    final Clock clock;
    volatile BreakerConfig config;
    volatile BreakerState state;
    private volatile TransitionListener[] listeners = NO_LISTENERS;
    private final TransitionOrder order = new TransitionOrder();
    private final Gate gateDuringTrials = new Gate(this, true);
    private final Gate gateWhileClosed = new Gate(this, false);

    final LatencyHistogram latency = new LatencyHistogram();
    /*
     * The counters every call writes (successes, failures, rejections while open) are striped
     * LongAdders, which grow cells only under contention. The others are fields written through
     * VarHandles: a rule whose keys churn makes a breaker per key, and each adder or atomic
     * object would cost it its own 24 to 32 bytes (docs/performance.md, "Keys that churn").
     */
    final LongAdder successes = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder rejected = new LongAdder();
    volatile long ignored;
    volatile long slowCalls;
    volatile long wouldReject;
    volatile long bulkheadRejected;
    volatile long retries;
    volatile boolean trialsElsewhere;
    /** Calls holding a bulkhead slot now (only counted while {@code maxConcurrent} is set). */
    volatile int inFlight;
    volatile long timesOpened;
    volatile long listenerFailures;
    volatile long lastSuccessNanos = NEVER;
    private volatile long lastFailureNanos = NEVER;
    volatile long lastFailureMillis;
    volatile String lastFailure;

    public CircuitBreaker(String name, String key, BreakerConfig config, Clock clock) {
        if (name == null || config == null || clock == null) {
            throw new IllegalArgumentException("name, config and clock are required");
        }
        this.name = name;
        this.key = key;
        this.clock = clock;
        this.config = config;
        this.state = new ClosedState(0, clock.nanoTime(), clock.currentTimeMillis(), "created", new Recent(config.window()));
    }

    // ---------------------------------------------------------------- the call path

    /** A permit for one call, or {@link Permit#REJECTED} when the call must not run. */
    public long acquire() {
        BreakerState s = state;
        BreakerConfig c = config;
        // the coarse clock: a rejection must cost far less than the call it saves
        long permit = s instanceof ClosedState ? s.passPermit : s.acquire(this, c, clock.coarseNanoTime());
        return c.maxConcurrent() == 0 || permit < 0 ? permit : bulkhead(c, permit);
    }

    /**
     * For a call that only passes through to this breaker's calls: a connection pool's checkout,
     * whose connects (on the pool's own threads or the caller's) and queries are the calls that
     * count. True when it may go on; false when a call asking now would be rejected (OPEN with
     * time to go, FORCED_OPEN), counted as a rejection. While the breaker tries again (HALF_OPEN,
     * or OPEN with its time up), it goes on only {@code duringTrials}, and only while a trial is
     * free: a pool that connects on the caller's thread needs the checkout to reach its trial
     * connect, while one that connects on its own thread (HikariCP) would make the checkout wait
     * for a connection the trial may never bring. It takes no permit, so it never holds the trial
     * the pool's connect needs, and counts nothing itself (docs/presets.md, "Connection pools").
     */
    public boolean admitsPassThrough(boolean duringTrials) {
        BreakerState s = state;
        if (s instanceof ClosedState || s instanceof DisabledState) {
            return true; // one volatile read on the closed path
        }
        boolean trying = s instanceof OpenState ? ((OpenState) s).expired(clock.coarseNanoTime())
                : s instanceof HalfOpenState && !trialsElsewhere && ((HalfOpenState) s).hasFreeTrial();
        return trying && duringTrials || rejectOrPass(s) != Permit.REJECTED;
    }

    /** This breaker as a pass-through call finds it ({@link #admitsPassThrough}). */
    public Gate gate(boolean duringTrials) {
        return duringTrials ? gateDuringTrials : gateWhileClosed;
    }

    /** What a pass-through call holds instead of the breaker: woven code tells the two apart by type. */
    public static final class Gate {
        private final CircuitBreaker breaker;
        private final boolean duringTrials;

        Gate(CircuitBreaker breaker, boolean duringTrials) {
            this.breaker = breaker;
            this.duringTrials = duringTrials;
        }

        public CircuitBreaker breaker() {
            return breaker;
        }

        /** Whether the call may go on now (counted as a rejection when not). */
        public boolean admits() {
            return breaker.admitsPassThrough(duringTrials);
        }
    }

    /**
     * Takes a bulkhead slot for a permitted call, or rejects it when {@code maxConcurrent}
     * calls are in flight already (a HALF_OPEN trial slot it held is given back). The slot
     * is marked in the permit, so the outcome gives back exactly what was taken, even if
     * {@code maxConcurrent} changed meanwhile.
     */
    private long bulkhead(BreakerConfig c, long permit) {
        if (((int) IN_FLIGHT.getAndAdd(this, 1) + 1) <= c.maxConcurrent()) {
            return permit | Permit.IN_BULKHEAD;
        }
        IN_FLIGHT.getAndAdd(this, -1);
        if (c.mode() == Mode.OBSERVE) {
            WOULD_REJECT.getAndAdd(this, 1L);
            return permit; // observed: runs, holding no slot
        }
        release(permit);
        BULKHEAD_REJECTED.getAndAdd(this, 1L);
        return Permit.REJECTED;
    }

    /** Gives back the bulkhead slot an outcome's permit holds. */
    private void leaveBulkhead(long permit) {
        if (Permit.inBulkhead(permit)) {
            IN_FLIGHT.getAndAdd(this, -1);
        }
    }

    /**
     * Whether the caller should measure this call's duration and pass it to the outcome:
     * every call when slow calls are judged, else when the calling thread's sampler picks it.
     *
     * @param sampler the calling thread's, or null (then only a {@code slowCall} rule times)
     */
    public boolean timeCall(CallSampler sampler) {
        return config.slowCallNanos() > 0 || sampler != null && sampler.sample();
    }

    /**
     * The call succeeded.
     *
     * @param durationNanos how long it took, or a negative number when it was not measured
     */
    public void onSuccess(long permit, long durationNanos) {
        leaveBulkhead(permit);
        BreakerConfig c = config;
        boolean slow = countIfSlow(c, durationNanos);
        if (durationNanos >= 0) {
            latency.record(durationNanos);
        }
        successes.increment();
        long now = clock.coarseNanoTime();
        if (lastSuccessNanos != now) {
            lastSuccessNanos = now;
        }
        BreakerState s = state;
        if (judges(s, permit)) {
            s.onSuccess(this, c, permit, slow, durationNanos, now);
        }
    }

    /** The call failed with {@code failure} (which may be null for a failed result). */
    public void onFailure(long permit, long durationNanos, Throwable failure) {
        leaveBulkhead(permit);
        BreakerConfig c = config;
        boolean slow = countIfSlow(c, durationNanos);
        if (durationNanos >= 0) {
            latency.record(durationNanos);
        }
        failures.increment();
        long now = clock.nanoTime();
        long previous = lastFailureNanos;
        lastFailureNanos = now;
        lastFailureMillis = clock.currentTimeMillis();
        lastFailure = describe(failure);
        BreakerState s = state;
        if (judges(s, permit)) {
            s.onFailure(this, c, permit, slow, failure, now, previous);
        }
    }

    /**
     * How long a call must have been in flight for its cancellation to count as a failure
     * when the rule judges no slow calls (docs/behaviour.md, "Cancelled calls").
     */
    public static final long ABANDONED_AFTER_NANOS = 1_000_000_000L;

    /**
     * The caller cancelled the call: its future, its subscription or its request. A client
     * cancels its own request when its timeout fires (Spring's JDK request factory cancels
     * the {@code sendAsync} future, Reactor's {@code timeout()} cancels the subscription), so
     * a call abandoned after it had been in flight at least {@link #abandonedAfterNanos} is a
     * failure; a quicker cancel means the caller lost interest and counts neither way.
     *
     * @param inFlightNanos how long the call had been in flight, or a negative number when unknown
     */
    public void onCancelled(long permit, long inFlightNanos) {
        long after = abandonedAfterNanos(config);
        if (inFlightNanos >= after) {
            onFailure(permit, inFlightNanos, new FailedResult("cancelled after " + toMillisCeil(inFlightNanos)
                    + " ms in flight: the caller gave up waiting (its timeout)"));
        } else {
            onIgnored(permit);
        }
    }

    /** The rule's {@code slowCall} when it judges slow calls, else {@link #ABANDONED_AFTER_NANOS}. */
    public static long abandonedAfterNanos(BreakerConfig c) {
        return c.slowCallNanos() > 0 ? c.slowCallNanos() : ABANDONED_AFTER_NANOS;
    }

    /** The call ended in a way that counts neither as success nor as failure; its permit is returned. */
    public void onIgnored(long permit) {
        IGNORED.getAndAdd(this, 1L);
        release(permit); // gives back the bulkhead slot too
    }

    /**
     * Gives a permit back without counting anything: the call turned out to be part of
     * another one (an {@code HttpURLConnection.connect()} before the call that reads the
     * response). A HALF_OPEN trial slot it held is free again.
     */
    public void release(long permit) {
        if (Permit.inBulkhead(permit)) {
            leaveBulkhead(permit);
            permit &= ~Permit.IN_BULKHEAD;
        }
        BreakerState s = state;
        if (judges(s, permit)) {
            s.onIgnored(permit);
        }
    }

    /** Whether the call was slow; a slow one is counted in {@code TotalSlowCalls}. */
    private boolean countIfSlow(BreakerConfig c, long durationNanos) {
        boolean slow = c.slowCallNanos() > 0 && durationNanos >= c.slowCallNanos();
        if (slow) {
            SLOW_CALLS.getAndAdd(this, 1L);
        }
        return slow;
    }

    /** An outcome judges the current state only if that state granted its permit. */
    private static boolean judges(BreakerState s, long permit) {
        return Permit.generation(permit) == s.generation && Permit.slot(permit) != Permit.UNJUDGED_SLOT;
    }

    // ---------------------------------------------------------------- transitions (called by the states)

    long rejectOrPass(BreakerState s) {
        if (config.mode() == Mode.OBSERVE) {
            WOULD_REJECT.getAndAdd(this, 1L);
            return s.unjudgedPermit;
        }
        rejected.increment();
        return Permit.REJECTED;
    }

    void trip(BreakerState from, int trips, String reason, long now) {
        long openFor = config.openForAfterTrips(trips);
        OpenState open = new OpenState(from.generation + 1, now, clock.currentTimeMillis(), reason, from.recent, trips,
                openFor);
        transition(from, open, openFor);
    }

    void close(BreakerState from, String reason, long now) {
        transition(from, new ClosedState(from.generation + 1, now, clock.currentTimeMillis(), reason,
                new Recent(config.window())), 0);
    }

    void halfOpen(OpenState from, long now) {
        HalfOpenState next = new HalfOpenState(from.generation + 1, now, clock.currentTimeMillis(),
                "open for " + from.openForNanos / 1_000_000L + " ms", from.recent, from.trips,
                config.halfOpen().calls());
        transition(from, next, 0);
    }

    long halfOpenAndAcquire(OpenState from, long now) {
        halfOpen(from, now);
        return state.acquire(this, config, now);
    }

    boolean transition(BreakerState from, BreakerState to, long retryAfterNanos) {
        Transitions.check(from.kind(), to.kind());
        if (!STATE.compareAndSet(this, from, to)) {
            return false; // another thread moved the breaker first; its transition stands
        }
        if (to.kind() == State.OPEN) {
            TIMES_OPENED.getAndAdd(this, 1L);
        }
        Transition t = listeners.length == 0 ? null : new Transition(name, key, from.kind(), to.kind(), to.reason,
                to.enteredMillis, toRetryAfterMillis(retryAfterNanos));
        order.publish(to.generation, t, this);
        return true;
    }

    /** Tells every listener of one transition, in {@link TransitionOrder}'s turn; a listener's failure is counted. */
    void tell(Transition t) {
        for (TransitionListener l : listeners) {
            try {
                l.onTransition(this, t);
            } catch (Throwable e) {
                LISTENER_FAILURES.getAndAdd(this, 1L);
            }
        }
    }

    // ---------------------------------------------------------------- operations

    /** Performs the transitions due by time alone (OPEN to HALF_OPEN, permit reclaim, idle reset). */
    public void refresh() {
        long now = clock.nanoTime();
        state.refresh(this, config, now);
        latency.roll(now);
    }

    /** Back to CLOSED with the window's counts cleared (the totals keep counting). */
    public void reset(String reason) {
        long now = clock.nanoTime();
        BreakerState s;
        do {
            s = state;
        } while (!transition(s, new ClosedState(s.generation + 1, now, clock.currentTimeMillis(), reason,
                new Recent(config.window())), 0));
    }

    public void reset() {
        reset("reset by operator");
    }

    /** FORCED_OPEN: reject everything until {@link #reset()}. */
    public void forceOpen(String reason) {
        long now = clock.nanoTime();
        BreakerState s;
        do {
            s = state;
            if (s instanceof ForcedOpenState) {
                return;
            }
        } while (!transition(s, new ForcedOpenState(s.generation + 1, now, clock.currentTimeMillis(), reason, s.recent),
                UNTIL_RESET));
    }

    public void forceOpen() {
        forceOpen("forced open by operator");
    }

    /** What another JVM of the cluster may do to this breaker ({@code agent.cluster}, docs/cluster.md). */
    public BreakerFleet fleet() {
        return new BreakerFleet(this);
    }

    boolean trialsElsewhere() {
        return trialsElsewhere;
    }

    /** DISABLED: let everything through, keep counting, never trip, until {@link #reset()}. */
    public void disable(String reason) {
        long now = clock.nanoTime();
        BreakerState s;
        do {
            s = state;
            if (s instanceof DisabledState) {
                return;
            }
        } while (!transition(s, new DisabledState(s.generation + 1, now, clock.currentTimeMillis(), reason, s.recent),
                0));
    }

    public void disable() {
        disable("disabled by operator");
    }

    /**
     * Applies new settings at once, keeping the state. A changed window shape starts an
     * empty window in CLOSED; other states take it on their next close.
     */
    public synchronized void reconfigure(UnaryOperator<BreakerConfig> change) {
        BreakerConfig previous = config;
        BreakerConfig next = change.apply(previous);
        config = next;
        if (!previous.window().equals(next.window())) {
            BreakerState s = state;
            if (s instanceof ClosedState && STATE.compareAndSet(this, s, new ClosedState(s.generation + 1,
                    s.enteredNanos, s.enteredMillis, s.reason, new Recent(next.window())))) {
                order.publish(s.generation + 1, null, this); // a new window, no transition: nothing to tell
            }
        }
    }

    /** Adds a transition listener, once: adding one it has already changes nothing. */
    public void addListener(TransitionListener listener) {
        synchronized (this) {
            for (TransitionListener l : listeners) {
                if (l == listener) {
                    return;
                }
            }
            TransitionListener[] next = Arrays.copyOf(listeners, listeners.length + 1);
            next[next.length - 1] = listener;
            listeners = next;
        }
    }

    /**
     * Adds listeners a registry gives each of its breakers: a breaker that has none yet takes the
     * array itself (never written: every change here makes a new one), so a rule whose keys churn
     * does not copy it for every key.
     */
    public void addListeners(TransitionListener[] all) {
        synchronized (this) {
            if (listeners.length == 0) {
                listeners = all;
                return;
            }
        }
        for (TransitionListener l : all) {
            addListener(l);
        }
    }

    public void removeListener(TransitionListener listener) {
        synchronized (this) {
            listeners = Arrays.stream(listeners).filter(l -> l != listener).toArray(TransitionListener[]::new);
        }
    }

    // ---------------------------------------------------------------- what the views read

    /** Its counters, rates and latencies, read on demand (the way Resilience4j keeps {@code Metrics} apart). */
    public BreakerMetrics metrics() {
        return new BreakerMetrics(this);
    }

    public String name() {
        return name;
    }

    /** The key of a keyed breaker, or null. */
    public String key() {
        return key;
    }

    public BreakerConfig config() {
        return config;
    }

    /** The state now; a due OPEN to HALF_OPEN move happens first, so readers never see a stale OPEN. */
    public State state() {
        refreshQuietly();
        return state.kind();
    }

    private void refreshQuietly() {
        BreakerState s = state;
        if (s instanceof OpenState || s instanceof HalfOpenState || s instanceof ClosedState) {
            s.refresh(this, config, clock.nanoTime());
        }
    }

    /** Why the breaker entered its current state. */
    public String stateReason() {
        return state.reason;
    }

    public long stateChangedAtMillis() {
        return state.enteredMillis;
    }

    /** The window the state now counts into, aged to now (package-private: tests check its counters). */
    Window currentWindow() {
        refreshQuietly();
        Window w = state.recent.window;
        w.expire(clock.nanoTime());
        return w;
    }

    /**
     * A failed call of this breaker is about to be tried again (a rule's {@code retry:}). The
     * retry is a call of its own, counted when it asks for its permit; this counts how many
     * there were, for operators who want to see a dependency kept busy by retries.
     */
    public void onRetry() {
        RETRIES.getAndAdd(this, 1L);
    }

    /**
     * Whether a call asking now would be rejected for the breaker's state: OPEN (its time not
     * yet up) or FORCED_OPEN, enforced. A retry does not wait for a call that cannot run.
     */
    public boolean rejectsNow() {
        State s = state();
        return config.mode() != Mode.OBSERVE && (s == State.OPEN || s == State.FORCED_OPEN);
    }

    /**
     * Whether a rejection just made is the bulkhead's: a CLOSED breaker rejects only through
     * its bulkhead, whether or not a slot came free since; HALF_OPEN rejects through it when
     * the limit is reached (else its trial slots were taken).
     */
    public boolean bulkheadFull() {
        int max = config.maxConcurrent();
        return max > 0 && (state instanceof ClosedState || state instanceof HalfOpenState && inFlight >= max);
    }

    /** Milliseconds until calls may pass again; 0 when they pass now; {@link #UNTIL_RESET} when forced open. */
    public long retryAfterMillis() {
        refreshQuietly();
        return toRetryAfterMillis(state.retryAfterNanos(config, clock.nanoTime()));
    }

    private static long toRetryAfterMillis(long nanos) {
        return nanos == UNTIL_RESET ? UNTIL_RESET : toMillisCeil(nanos);
    }

    /** The current {@code openFor}, after backoff. */
    public long openForMillis() {
        return state.openForNanos(config) / 1_000_000L;
    }

    long lastFailureNanos() {
        return lastFailureNanos;
    }

    static long toMillisCeil(long nanos) {
        return nanos <= 0 ? 0 : (nanos + 999_999L) / 1_000_000L;
    }

    /** {@code type: message}, as {@code LastFailure} and trial-failure reasons show it. */
    public static String describe(Throwable failure) {
        if (failure == null) {
            return "failed result";
        }
        if (failure instanceof FailedResult) {
            return failure.getMessage();
        }
        String message = failure.getMessage();
        return message == null ? failure.getClass().getName() : failure.getClass().getName() + ": " + message;
    }

    @Override
    public String toString() {
        return "CircuitBreaker[" + name + (key == null ? "" : "[" + key + "]") + " " + state + "]";
    }
}
