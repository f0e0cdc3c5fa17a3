package dev.tripswitch.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.tripswitch.engine.BreakerConfig;
import dev.tripswitch.engine.CircuitBreaker;
import dev.tripswitch.engine.Clock;
import dev.tripswitch.engine.State;
import dev.tripswitch.rules.BreakerRule;

/**
 * The breakers of one rule: a single one, or one per key created on first use. Keys are
 * bounded by {@code maxKeys}: past it, the least recently used CLOSED breaker goes (an
 * open one holds knowledge worth keeping, so the bound may be exceeded while many are open).
 */
public final class RuleBreakers {
    /** The rule in force: the one owner of its settings, read by new keys and changed by reload. */
    private volatile BreakerRule rule;
    private final BreakerRegistry registry;
    private final Clock clock;
    private final Map<String, Keyed> byKey = new ConcurrentHashMap<>();
    private volatile CircuitBreaker single;

    private static final class Keyed {
        final CircuitBreaker breaker;
        volatile long lastUsed;

        Keyed(CircuitBreaker breaker, long now) {
            this.breaker = breaker;
            this.lastUsed = now;
        }
    }

    RuleBreakers(BreakerRule rule, BreakerRegistry registry, Clock clock) {
        this.rule = rule;
        this.registry = registry;
        this.clock = clock;
        if (rule.key() == null) {
            single = registry.create(rule, null);
        }
    }

    /** The rule in force now (after any reload). */
    public BreakerRule rule() {
        return rule;
    }

    /**
     * Puts {@code next} in force: breakers created from now on start from it, and every
     * existing breaker takes it at once, keeping its state.
     */
    public void apply(BreakerConfig next) {
        rule = rule.withConfig(next);
        for (CircuitBreaker b : all()) {
            b.reconfigure(c -> next);
        }
    }

    /** The breaker of an unkeyed rule, or of a call whose key could not be read. */
    CircuitBreaker single() {
        CircuitBreaker b = single;
        if (b == null) {
            synchronized (this) {
                b = single;
                if (b == null) {
                    b = registry.create(rule, null);
                    single = b;
                }
            }
        }
        return b;
    }

    CircuitBreaker forKey(String key) {
        Keyed k = byKey.get(key);
        long now = clock.coarseNanoTime();
        if (k != null) {
            if (k.lastUsed != now) {
                k.lastUsed = now;
            }
            return k.breaker;
        }
        Keyed created = byKey.computeIfAbsent(key, x -> new Keyed(registry.create(rule, x), now));
        BreakerRule inForce = rule;
        if (created.breaker.config() != inForce.config()) {
            created.breaker.reconfigure(c -> inForce.config()); // a reload ran while this key was being created
        }
        if (byKey.size() > rule.maxKeys()) {
            evictOne(key);
        }
        return created.breaker;
    }

    private synchronized void evictOne(String keep) {
        if (byKey.size() <= rule.maxKeys()) {
            return;
        }
        Map.Entry<String, Keyed> oldest = null;
        for (Map.Entry<String, Keyed> e : byKey.entrySet()) {
            if (!e.getKey().equals(keep) && e.getValue().breaker.state() == State.CLOSED
                    && (oldest == null || e.getValue().lastUsed - oldest.getValue().lastUsed < 0)) {
                oldest = e;
            }
        }
        if (oldest != null && byKey.remove(oldest.getKey(), oldest.getValue())) {
            registry.removed(oldest.getValue().breaker);
        }
    }

    /** Every breaker of this rule now. */
    public List<CircuitBreaker> all() {
        List<CircuitBreaker> out = new ArrayList<>();
        if (single != null) {
            out.add(single);
        }
        for (Keyed k : byKey.values()) {
            out.add(k.breaker);
        }
        return out;
    }
}
