package dev.tripswitch.runtime;

import dev.tripswitch.CircuitOpenException;
import dev.tripswitch.bridge.Binding;
import dev.tripswitch.bridge.CallKind;
import dev.tripswitch.bridge.Dispatcher;
import dev.tripswitch.engine.CircuitBreaker;
import dev.tripswitch.engine.Clock;
import dev.tripswitch.instrumentation.AsyncCalls;
import dev.tripswitch.instrumentation.ClientInstrumentation;
import dev.tripswitch.instrumentation.JdbcHosts;
import dev.tripswitch.instrumentation.Presets;
import dev.tripswitch.log.AgentLog;
import dev.tripswitch.rules.BreakerRule;
import dev.tripswitch.instrumentation.Retries;
import dev.tripswitch.rules.ChaosSpec;
import dev.tripswitch.rules.RetrySpec;
import dev.tripswitch.rules.LogLevel;
import dev.tripswitch.rules.WhenOpen;

/**
 * One rule, bound for woven code: finds the call's breaker (by key), judges and records
 * its outcome, and answers for rejected calls. Every failure of the agent's own code is
 * reported once and settles the permit, so the call proceeds as if there were no breaker
 * and no HALF_OPEN permit leaks.
 */
public final class RuleBinding extends Binding {
    private final BreakerRule rule;
    private final RuleBreakers breakers;
    private final KeyResolver keys;
    private final OutcomeJudge judge;
    private final Rejections rejections;
    private final AgentLog log;
    /** For a preset whose objects make one call each (HttpURLConnection), the objects judged; else null. */
    private final JudgedObjects judged;
    /** For a preset some of whose matched calls only pass through (a pool's checkout), which; else null. */
    private final ClientInstrumentation.PassThrough passThrough;
    private final ClientInstrumentation.FailuresOnly failuresOnly;
    /** For a preset whose callers expect rejections in its own exception, how to shape them; else null. */
    private final ClientInstrumentation.RejectionShape shape;
    /** For a preset with an asynchronous call style, how its calls complete; else null. */
    private final AsyncCalls async;
    private final PendingCalls pending = new PendingCalls();
    /** Which calls {@code retry:} may repeat: the preset's say, or every call of a rule of the user's own. */
    private final Retries retries;

    /**
     * @param breakers the rule's breakers, registered by whoever puts rules in force (the agent's
     *                 {@code RuleSet}, which also unregisters them when the rule goes)
     */
    public RuleBinding(BreakerRule rule, RuleBreakers breakers, AgentLog log, Clock clock) {
        this.rule = rule;
        this.log = log;
        this.breakers = breakers;
        this.keys = rule.key() == null ? null : new KeyResolver(rule.key());
        this.judge = new OutcomeJudge(rule.failOn(), new java.util.function.BiConsumer<>() {
            @Override
            public void accept(dev.tripswitch.rules.ResultExpression expression, Exception error) {
                log.once(LogLevel.WARN, rule.name() + "/result/" + expression, "breaker=" + rule.name()
                        + " failOn.result '" + expression + "' does not apply: " + error.getMessage()
                        + "; such results count as successes");
            }
        }); // not a lambda: bindings are made while the application starts, before it needs lambdas
        LastGoodCache cache = rule.whenOpen() instanceof WhenOpen.LastGood
                ? new LastGoodCache(((WhenOpen.LastGood) rule.whenOpen()).ttlNanos(), ((WhenOpen.LastGood) rule.whenOpen()).max(), clock) : null;
        this.rejections = new Rejections(rule, log, cache);
        ClientInstrumentation preset = rule.preset() == null ? null : Presets.get(rule.preset());
        this.judged = preset != null && preset.oneCallPerObject() ? new JudgedObjects() : null;
        this.async = preset == null ? null : preset.async();
        this.shape = preset == null ? null : preset.rejection();
        this.passThrough = preset == null ? null : preset.passThrough();
        this.failuresOnly = preset == null ? null : preset.failuresOnly();
        this.retries = Retries.forPreset(rule.preset());
    }

    /** Whether the advice must bind the method's arguments for this rule. */
    public static boolean needsArguments(BreakerRule rule) {
        return KeyResolver.readsArguments(rule.key()) || rule.whenOpen() instanceof WhenOpen.Call
                || rule.whenOpen() instanceof WhenOpen.LastGood;
    }

    /** Whether the advice must pass the returned value (boxing a primitive one) for this rule. */
    public static boolean needsResult(BreakerRule rule) {
        return !rule.failOn().result().isEmpty() || !rule.failOn().ignoreResult().isEmpty()
                || rule.whenOpen() instanceof WhenOpen.LastGood;
    }

    public RuleBreakers breakers() {
        return breakers;
    }

    @Override
    public void covered(Object self) {
        try {
            if (judged != null && self != null) {
                judged.add(self);
            }
        } catch (Throwable e) {
            internalError("covered", e);
        }
    }

    @Override
    public Object breakerFor(Object self, Object[] args) {
        if (passThrough != null && self != null && passThrough.checksHealth(self)) {
            return null; // runs unguarded, and what it sends is nested in it: counted nowhere
        }
        if (passThrough != null && self != null && passThrough.passesThrough(self)) {
            // a checkout whose database cannot be told (DBCP2's inner PoolingDataSource) is left to the connects and
            // statements it passes to, which name it: never a breaker without a key beside the database's own
            CircuitBreaker breaker = breakerOf(self, args, false);
            return breaker == null ? UNCOUNTED : gate(breaker, self);
        }
        return breakerOf(self, args, true);
    }

    /**
     * A pass-through's gate: during HALF_OPEN trials it admits a pool that connects on the
     * caller's thread (the checkout leads to the trial connect), not one whose own threads do.
     */
    private CircuitBreaker.Gate gate(CircuitBreaker breaker, Object self) {
        return breaker.gate(!passThrough.connectsInBackground(self));
    }

    /** The call's breaker; without a key, the rule's keyless one when {@code keylessShares}, else none. */
    private CircuitBreaker breakerOf(Object self, Object[] args, boolean keylessShares) {
        if (judged != null && judged.contains(self)) {
            return null; // this object's exchange was judged already: a header read, the body after the status
        }
        if (keys == null) {
            return breakers.single();
        }
        try {
            String key = keys.resolve(self, args);
            if (key == JdbcHosts.IN_PROCESS) {
                return null; // an embedded database is part of the application, not a dependency
            }
            return key != null ? breakers.forKey(key) : keylessShares ? breakers.single() : null;
        } catch (Exception e) {
            log.once(LogLevel.WARN, rule.name() + "/key", "breaker=" + rule.name() + " key '" + rule.key()
                    + "' cannot be read: " + e.getMessage() + "; such calls share the breaker without a key");
            return breakers.single();
        } catch (Throwable e) {
            internalError("key", e);
            return null;
        }
    }

    @Override
    public void record(CircuitBreaker breaker, long permit, long durationNanos, Object self, Object returned,
                       Throwable thrown, Object[] args) {
        boolean settled = false;
        try {
            if (thrown != null && OutcomeJudge.unwrap(thrown) instanceof java.util.concurrent.CancellationException) {
                settled = true;
                breaker.onCancelled(permit, durationNanos); // the caller gave up: by its time in flight
                return;
            }
            if (judged != null && self != null) {
                if (thrown == null && returned == null) {
                    settled = true;
                    breaker.release(permit); // connect(): no response yet; the call that reads it is judged
                    return;
                }
                if (!judged.add(self)) {
                    settled = true;
                    breaker.release(permit); // another thread judged this object's exchange first
                    return;
                }
            }
            OutcomeJudge.Judgement j = judge.judge(returned, thrown);
            settled = true; // from here the permit is settled, even if what follows throws
            switch (j.outcome()) {
                case SUCCESS: {
                    if (failuresOnly != null && self != null && failuresOnly.countsFailuresOnly(self)) {
                        breaker.onIgnored(permit); // a connect that succeeded: the commands after it tell
                        break;
                    }
                    breaker.onSuccess(permit, durationNanos);
                    rejections.remember(args, returned);
                    break;
                }
                case FAILURE:
                    breaker.onFailure(permit, durationNanos, j.failure());
                    break;
                default:
                    breaker.onIgnored(permit);
                    break;
            }
        } catch (Throwable e) {
            internalError("record", e);
            if (!settled) { // once: a second settle would give back a bulkhead slot twice
                try {
                    breaker.onIgnored(permit);
                } catch (Throwable ignored) {
                    // nothing more can be done; maxWait reclaims a trial permit
                }
            }
        }
    }

    /** The rejection as the library's callers expect it ({@link ClientInstrumentation#rejection}). */
    private Throwable shaped(Throwable rejection, Object self, Object[] args) {
        if (shape == null) {
            return rejection;
        }
        try {
            Throwable shaped = shape.shape(rejection, self, args);
            return shaped != null ? shaped : rejection;
        } catch (RuntimeException | LinkageError e) {
            internalError("whenOpen", e);
            return rejection;
        }
    }

    @Override
    public Object rejected(CircuitBreaker breaker, Class<?> origin, String method, CallKind kind, Object self,
                           Object[] args) {
        try {
            Object answer = rejections.reject(breaker, origin, method, kind, self, args, async);
            if (shape != null && answer instanceof Dispatcher.Throw) {
                Dispatcher.Throw t = (Dispatcher.Throw) answer;
                return new Dispatcher.Throw(shaped(t.throwable, self, args));
            }
            return answer;
        } catch (Throwable e) {
            internalError("whenOpen", e);
            return new Dispatcher.Throw(new CircuitOpenException(
                    CircuitOpenException.message(rule.name(), breaker.key(), 0), rule.name(), breaker.key(), 0));
        }
    }

    @Override
    public void park(CircuitBreaker breaker, long permit, long start, Object self, Object[] args) {
        try {
            Object key = async == null ? null : async.keyAtStart(self, args);
            if (key != null) {
                pending.put(key, PendingCalls.Pending.of(breaker, permit, start));
            }
        } catch (Throwable e) {
            internalError("start", e);
        }
    }

    @Override
    public void started(CircuitBreaker breaker, long permit, long start, Object self, Object returned,
                        Throwable thrown, Object[] args) {
        if (async == null) {
            super.started(breaker, permit, start, self, returned, thrown, args);
            return;
        }
        try {
            Object atStart = async.keyAtStart(self, args);
            if (thrown != null) { // the call never started: its outcome is what the method threw
                PendingCalls.Pending p = atStart == null ? PendingCalls.Pending.of(breaker, permit, start)
                        : pending.take(atStart);
                if (p != null) {
                    settle(p, new AsyncCalls.Completion(atStart, null, thrown, false));
                }
                return;
            }
            if (atStart != null) {
                return; // parked at the start; its completion settles it
            }
            Object key = async.keyOnReturn(self, returned);
            if (key == null) {
                breaker.onIgnored(permit); // nothing to follow the call by: counted neither way
                return;
            }
            pending.put(key, PendingCalls.Pending.of(breaker, permit, start));
            AsyncCalls.Completion done = async.completedOnReturn(returned);
            if (done != null) { // it ended before it was parked; whoever takes it records it, once
                PendingCalls.Pending p = pending.take(key);
                if (p != null) {
                    settle(p, done);
                }
            }
        } catch (Throwable e) {
            internalError("start", e);
            breaker.onIgnored(permit);
        }
    }

    @Override
    public void completed(Object self, String method, Object[] args) {
        if (async == null) {
            return;
        }
        AsyncCalls.Completion c = async.completion(self, method, args);
        PendingCalls.Pending p = c == null ? null : pending.take(c.key());
        if (p == null) {
            return;
        }
        if (c.movedTo() != null) {
            pending.put(c.movedTo(), p);
        } else {
            settle(p, c);
        }
    }

    @Override
    public long retryDelay(CircuitBreaker breaker, int retry, String method, Object self, Object[] args,
                           Throwable failure) {
        RetrySpec r = breakers.rule().retry(); // the rule in force: a reload may have changed it
        if (r == null || retry > r.retries() || failure == null || !judge.retriable(failure, r.on())
                || !retries.mayRetry(method, self, args, r.idempotentOnly())) {
            return -1;
        }
        return r.delayNanos(retry, java.util.concurrent.ThreadLocalRandom.current().nextDouble());
    }

    @Override
    public Object retrying(int ruleId, CircuitBreaker breaker, java.util.concurrent.CompletionStage<?> future,
                           Class<?> origin, String method, Object self, Object[] args) {
        if (!retriesCalls() || Dispatcher.inRetryRun(ruleId)) {
            return future; // no retry; or this call is an attempt of retries already under way
        }
        try {
            return FutureRetries.follow(ruleId, breaker, future, origin, method, self, args, futureRetries);
        } catch (Throwable e) {
            internalError("retry", e);
            return future;
        }
    }

    /** Whether the rule in force retries (a reload may have changed it) calls this library lets it repeat. */
    private boolean retriesCalls() {
        RetrySpec r = breakers.rule().retry();
        return r != null && r.retries() > 0 && retries.ever();
    }

    /** What a future's retries ask of this rule. */
    private final FutureRetries.Policy futureRetries = new FutureRetries.Policy() {
        @Override
        public long delay(CircuitBreaker breaker, int n, String method, Object self, Object[] args,
                          Throwable failure) {
            return retryDelay(breaker, n, method, self, args, failure);
        }

        @Override
        public void internalError(String where, Throwable error) {
            RuleBinding.this.internalError(where, error);
        }
    };

    @Override
    public Throwable chaosFailure(CircuitBreaker breaker, long permit) {
        ChaosSpec c = breakers.rule().chaos(); // the rule in force: a reload may have changed it
        if (c == null || c.failureRatePercent() <= 0
                || java.util.concurrent.ThreadLocalRandom.current().nextDouble() * 100 >= c.failureRatePercent()) {
            return null;
        }
        Throwable fault = ChaosFaults.fault(c.exception(), rule.name());
        record(breaker, permit, -1, null, null, fault, null); // judged by failOn like the dependency's own failure
        return fault;
    }

    @Override
    public boolean chaosDelay(CircuitBreaker breaker) {
        ChaosSpec c = breakers.rule().chaos(); // the rule in force: a reload may have changed it
        if (c == null || c.latencyNanos() <= 0
                || java.util.concurrent.ThreadLocalRandom.current().nextDouble() * 100 >= c.latencyRatePercent()) {
            return false;
        }
        java.util.concurrent.locks.LockSupport.parkNanos(c.latencyNanos());
        return true;
    }

    @Override
    public Object injected(Throwable fault, CallKind kind, Object self, Object[] args) {
        if (kind == CallKind.START && async != null) {
            try {
                return async.reject(self, args, fault); // where the library reports its failures
            } catch (Exception e) {
                internalError("chaos", e);
            }
        }
        return super.injected(fault, kind, self, args);
    }

    @Override
    public Object subscribed(Object self, Object publisher, Object[] args) {
        try {
            return ReactivePublishers.guard(publisher, self, args, reactive);
        } catch (ReflectiveOperationException | RuntimeException e) {
            internalError("publisher", e);
            return publisher;
        }
    }

    /** What each subscription of a guarded Mono/Flux asks of this rule. */
    private final ReactivePublishers.Guard reactive = new ReactivePublishers.Guard() {
        @Override
        public CircuitBreaker breakerFor(Object self, Object[] args) {
            return RuleBinding.this.breakerOf(self, args, true);
        }

        @Override
        public void record(CircuitBreaker breaker, long permit, long durationNanos, Object value, Throwable failure) {
            RuleBinding.this.record(breaker, permit, durationNanos, null, value, failure, null);
        }

        @Override
        public void internalError(Throwable error) {
            RuleBinding.this.internalError("subscription", error);
        }

        @Override
        public Throwable rejection(CircuitBreaker breaker, Class<?> origin, Object self, Object[] args) {
            return shaped(rejections.failure(breaker, origin), self, args);
        }

        @Override
        public CircuitBreaker.Gate passThrough(Object self, CircuitBreaker breaker) {
            return passThrough != null && self != null && passThrough.passesThrough(self) ? gate(breaker, self) : null;
        }

        @Override
        public String callKey() {
            return RuleBinding.this.callKey();
        }

        @Override
        public String[] coveringKeys() {
            return RuleBinding.this.coveringKeys();
        }

        @Override
        public boolean coveredOnThisThread() {
            return Dispatcher.coveredNow(coveredBy());
        }

        @Override
        public boolean retries() {
            return retriesCalls();
        }

        @Override
        public long retryDelay(CircuitBreaker breaker, int n, Object self, Object[] args, Throwable failure) {
            return RuleBinding.this.retryDelay(breaker, n, null, self, args, failure);
        }
    };

    /** Records a started call's outcome; a cancelled call is judged by its time in flight. */
    private void settle(PendingCalls.Pending p, AsyncCalls.Completion c) {
        long now = System.nanoTime();
        long duration = p.startNanos() == 0 ? -1 : now - p.startNanos();
        if (c.cancelled()) {
            p.breaker().onCancelled(p.permit(), now - p.sinceNanos());
        } else if (c.response() == null && c.failure() == null) {
            p.breaker().onSuccess(p.permit(), duration); // a value that is no response: nothing to judge
        } else {
            record(p.breaker(), p.permit(), duration, null, c.response(), c.failure(), null);
        }
    }

    /** Calls started and not completed yet (for tests). */
    int pendingCalls() {
        return pending.size();
    }

    @Override
    public void internalError(String where, Throwable error) {
        log.once(LogLevel.ERROR, rule.name() + "/internal/" + where, "breaker=" + rule.name()
                + " internal error in " + where + ": " + error + "; calls proceed as if unprotected");
    }
}
