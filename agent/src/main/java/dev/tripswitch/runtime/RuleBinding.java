package dev.tripswitch.runtime;

import dev.tripswitch.CircuitOpenException;
import dev.tripswitch.bridge.Binding;
import dev.tripswitch.bridge.Dispatcher;
import dev.tripswitch.engine.CircuitBreaker;
import dev.tripswitch.engine.Clock;
import dev.tripswitch.instrumentation.ClientInstrumentation;
import dev.tripswitch.instrumentation.Presets;
import dev.tripswitch.log.AgentLog;
import dev.tripswitch.rules.BreakerRule;
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

    public RuleBinding(BreakerRule rule, BreakerRegistry registry, AgentLog log, Clock clock) {
        this.rule = rule;
        this.log = log;
        this.breakers = registry.register(rule);
        this.keys = rule.key() == null ? null : new KeyResolver(rule.key());
        this.judge = new OutcomeJudge(rule.failOn(), new java.util.function.BiConsumer<>() {
            @Override
            public void accept(dev.tripswitch.rules.ResultExpression expression, Exception error) {
                log.once(LogLevel.WARN, rule.name() + "/result/" + expression, "breaker=" + rule.name()
                        + " failOn.result '" + expression + "' does not apply: " + error.getMessage()
                        + "; such results count as successes");
            }
        }); // not a lambda: bindings are made while the application starts, before it needs lambdas
        LastGoodCache cache = rule.whenOpen() instanceof WhenOpen.LastGood lg
                ? new LastGoodCache(lg.ttlNanos(), lg.max(), clock) : null;
        this.rejections = new Rejections(rule, log, cache);
        ClientInstrumentation preset = rule.preset() == null ? null : Presets.get(rule.preset());
        this.judged = preset != null && preset.oneCallPerObject() ? new JudgedObjects() : null;
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
    public CircuitBreaker breakerFor(Object self, Object[] args) {
        if (judged != null && judged.contains(self)) {
            return null; // this object's exchange was judged already: a header read, the body after the status
        }
        if (keys == null) {
            return breakers.single();
        }
        try {
            String key = keys.resolve(self, args);
            if (key == HostKeys.IN_PROCESS) {
                return null; // an embedded database is part of the application, not a dependency
            }
            return key == null ? breakers.single() : breakers.forKey(key);
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
        try {
            if (judged != null && self != null) {
                if (thrown == null && returned == null) {
                    breaker.release(permit); // connect(): no response yet; the call that reads it is judged
                    return;
                }
                if (!judged.add(self)) {
                    breaker.release(permit); // another thread judged this object's exchange first
                    return;
                }
            }
            OutcomeJudge.Judgement j = judge.judge(returned, thrown);
            switch (j.outcome()) {
                case SUCCESS -> {
                    breaker.onSuccess(permit, durationNanos);
                    rejections.remember(args, returned);
                }
                case FAILURE -> breaker.onFailure(permit, durationNanos, j.failure());
                default -> breaker.onIgnored(permit);
            }
        } catch (Throwable e) {
            internalError("record", e);
            try {
                breaker.onIgnored(permit);
            } catch (Throwable ignored) {
                // nothing more can be done; maxWait reclaims a trial permit
            }
        }
    }

    @Override
    public Object rejected(CircuitBreaker breaker, Class<?> origin, String method, boolean async, Object self,
                           Object[] args) {
        try {
            return rejections.reject(breaker, origin, method, async, self, args);
        } catch (Throwable e) {
            internalError("whenOpen", e);
            return new Dispatcher.Throw(new CircuitOpenException(
                    CircuitOpenException.message(rule.name(), breaker.key(), 0), rule.name(), breaker.key(), 0));
        }
    }

    @Override
    public void internalError(String where, Throwable error) {
        log.once(LogLevel.ERROR, rule.name() + "/internal/" + where, "breaker=" + rule.name()
                + " internal error in " + where + ": " + error + "; calls proceed as if unprotected");
    }
}
