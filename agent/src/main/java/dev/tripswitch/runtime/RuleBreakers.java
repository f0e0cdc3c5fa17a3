package dev.tripswitch.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

import dev.tripswitch.engine.BreakerConfig;
import dev.tripswitch.engine.CircuitBreaker;
import dev.tripswitch.engine.Clock;
import dev.tripswitch.engine.State;
import dev.tripswitch.rules.BreakerRule;

/**
 * The breakers of one rule: a single one, or one per key created on first use. Keys are
 * bounded by {@code maxKeys}: past it, a least recently used key goes if it is CLOSED, or
 * HALF_OPEN and idle (its open time over, no trial in flight: nobody calls it any more). An
 * OPEN key with time to go holds knowledge worth keeping, up to twice {@code maxKeys}; past
 * that the oldest goes whatever its state, so the bound holds whatever the states. A rule a
 * reload removed is retired: calls still on its old binding get no breaker and make no key.
 */
public final class RuleBreakers {
    /** The rule in force: the one owner of its settings, read by new keys and changed by reload. */
    private volatile BreakerRule rule;
    private final BreakerRegistry registry;
    private final Clock clock;
    private final Map<String, Keyed> byKey = new ConcurrentHashMap<>();
    /** Keys in the order they were created or last given a second chance: the eviction clock's hand. */
    private final Queue<Keyed> order = new ConcurrentLinkedQueue<>();
    private volatile CircuitBreaker single;
    /** Set when a reload took the rule out: no breaker is made for it any more. */
    private volatile boolean retired;

    /** Keys looked at per eviction, at most: a new key never pays for a scan of them all. */
    private static final int EVICTION_STEPS = 32;

    private static final class Keyed {
        final String key;
        final CircuitBreaker breaker;
        volatile long lastUsed;
        /** {@link #lastUsed} when this key last joined the queue: a later use earns it a second chance. */
        long queuedAt;

        Keyed(String key, CircuitBreaker breaker, long now) {
            this.key = key;
            this.breaker = breaker;
            this.lastUsed = now;
            this.queuedAt = now;
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
     * Puts {@code next}'s settings in force (breaker config, retry, chaos): breakers created
     * from now on start from them, every existing breaker takes the config at once, keeping
     * its state, and calls read retry and chaos from here.
     */
    public void apply(BreakerRule next) {
        BreakerConfig config = next.config();
        boolean configChanged = !rule.config().equals(config);
        rule = rule.withSettingsOf(next);
        if (configChanged) {
            for (CircuitBreaker b : all()) {
                b.reconfigure(c -> config);
            }
        }
    }

    /**
     * The breaker for {@code key} (null: the rule's breaker without a key), created if this
     * JVM has not called it yet: what another JVM of the cluster says about it applies here
     * before the first call.
     */
    public CircuitBreaker breaker(String key) {
        return key == null ? single() : forKey(key);
    }

    /** A reload took the rule out: from now on its calls run unguarded and make no breaker. */
    void retire() {
        retired = true;
    }

    boolean retired() {
        return retired;
    }

    /** The breaker of an unkeyed rule, or of a call whose key could not be read; null once retired. */
    CircuitBreaker single() {
        CircuitBreaker b = single;
        if (b == null) {
            if (retired) {
                return null;
            }
            synchronized (this) {
                b = single;
                if (b == null) {
                    b = registry.create(rule, null);
                    single = b;
                    registry.added(rule, b);
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
        if (retired) {
            return null; // a call still on a removed rule's binding: it makes no key of a rule no view shows
        }
        Making making = new Making(now);
        Keyed created = byKey.computeIfAbsent(key, making);
        if (making.made == created) {
            BreakerRule inForce = rule;
            if (created.breaker.config() != inForce.config()) {
                created.breaker.reconfigure(c -> inForce.config()); // a reload ran while this key was being created
            }
            order.add(created);
            registry.added(inForce, created.breaker); // published: the views find it when they look
            if (byKey.size() > inForce.maxKeys()) {
                evict(created);
            }
        }
        return created.breaker;
    }

    /**
     * Makes a key's breaker inside {@code computeIfAbsent}, so only one is made per key, and
     * tells which call made it. A class, not a lambda: the first call through every rule
     * comes here, on the application's thread, and a lambda's first link costs it a few
     * milliseconds.
     */
    private final class Making implements Function<String, Keyed> {
        private final long now;
        Keyed made;

        Making(long now) {
            this.now = now;
        }

        @Override
        public Keyed apply(String key) {
            made = new Keyed(key, registry.create(rule, key), now);
            return made;
        }
    }

    /**
     * Past {@code maxKeys}, removes least recently used CLOSED breakers the way a clock cache
     * does: the oldest key in the queue goes unless it was used since it joined (then it joins
     * again, with a second chance) or is not CLOSED (an open breaker's knowledge is kept).
     * At most {@link #EVICTION_STEPS} keys are looked at per call: amortised O(1). Every
     * caller that made a key past the bound evicts for itself (the queue hands each key to one
     * of them), so a thread that is descheduled mid-eviction holds nobody up and the keys stay
     * within about one per creating thread of the bound.
     */
    private void evict(Keyed keep) {
        for (int step = 0; step < EVICTION_STEPS && byKey.size() > rule.maxKeys(); step++) {
            Keyed k = order.poll();
            if (k == null) {
                return;
            }
            if (byKey.get(k.key) != k) {
                continue; // removed already
            }
            long used = k.lastUsed;
            if (k == keep || used != k.queuedAt || !evictable(k.breaker)) {
                k.queuedAt = used;
                order.add(k);
            } else if (byKey.remove(k.key, k)) {
                registry.removed(k.breaker);
            }
        }
    }

    /**
     * Whether an idle key's breaker may go: CLOSED; HALF_OPEN with no trial in flight (its open
     * time is over and nobody calls it); any state but an operator's (FORCED_OPEN, DISABLED)
     * once the rule holds twice {@code maxKeys}.
     */
    private boolean evictable(CircuitBreaker b) {
        State s = b.state();
        if (s == State.CLOSED || s == State.HALF_OPEN && b.metrics().trialCallsInFlight() == 0) {
            return true;
        }
        return s == State.OPEN && byKey.size() > 2L * rule.maxKeys();
    }

    /**
     * Whether another JVM's news of {@code key} may apply here: a key this JVM has, or room for
     * one more within {@code maxKeys}; never a key for an unkeyed rule or the reverse.
     */
    public boolean acceptsNewsOf(String key) {
        if ((key == null) != (rule.key() == null)) {
            return false;
        }
        return key == null || byKey.containsKey(key) || byKey.size() < rule.maxKeys();
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
