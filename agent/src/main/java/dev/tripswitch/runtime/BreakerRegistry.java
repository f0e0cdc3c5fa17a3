package dev.tripswitch.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.tripswitch.engine.CircuitBreaker;
import dev.tripswitch.engine.Clock;
import dev.tripswitch.engine.TransitionListener;
import dev.tripswitch.rules.BreakerRule;

/**
 * Every breaker of the running agent, by rule. The views (JMX, logs) read it and are told
 * when breakers come and go; the woven calls reach their breakers through the bindings.
 */
public final class BreakerRegistry {
    private final Clock clock;
    private final Map<String, RuleBreakers> byRule = new ConcurrentHashMap<>();
    private final List<String> order = new CopyOnWriteArrayList<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /** What every breaker is told of its transitions; replaced whole, so new breakers share one array. */
    private volatile TransitionListener[] transitionListeners = new TransitionListener[0];

    /** Told when a breaker is created (first use of a key) or evicted. */
    public interface Listener {
        void added(BreakerRule rule, CircuitBreaker breaker);

        void removed(CircuitBreaker breaker);
    }

    public BreakerRegistry(Clock clock) {
        this.clock = clock;
    }

    /** Adds a listener and tells it of every breaker that exists already. */
    public void addListener(Listener listener) {
        listeners.add(listener);
        for (RuleBreakers rb : rules()) {
            for (CircuitBreaker b : rb.all()) {
                listener.added(rb.rule(), b);
            }
        }
    }

    /** Every breaker, those that exist and those created from now on, gets this transition listener. */
    public void addTransitionListener(TransitionListener listener) {
        synchronized (this) {
            TransitionListener[] next = java.util.Arrays.copyOf(transitionListeners, transitionListeners.length + 1);
            next[next.length - 1] = listener;
            transitionListeners = next;
        }
        for (CircuitBreaker b : all()) {
            b.addListener(listener); // a breaker created meanwhile may have it already: added once
        }
    }

    /** Registers a rule's breakers (an unkeyed rule's one breaker is created at once). */
    public RuleBreakers register(BreakerRule rule) {
        RuleBreakers rb = new RuleBreakers(rule, this, clock);
        byRule.put(rule.name(), rb);
        order.add(rule.name());
        for (CircuitBreaker b : rb.all()) {
            added(rule, b); // an unkeyed rule's breaker, told once the views can find it here
        }
        return rb;
    }

    /**
     * Removes a rule and all its breakers (a reload removed or replaced it): the views are
     * told of each, so JConsole and {@code /metrics} stop showing them.
     */
    public void unregister(String name) {
        RuleBreakers rb = byRule.remove(name);
        order.remove(name);
        if (rb != null) {
            rb.retire();
            for (CircuitBreaker b : rb.all()) {
                removed(b);
            }
        }
    }

    /** A breaker for the rule's key; the views hear of it from {@link #added}, once it can be found. */
    CircuitBreaker create(BreakerRule rule, String key) {
        CircuitBreaker b = new CircuitBreaker(rule.name(), key, rule.config(), clock);
        b.addListeners(transitionListeners);
        return b;
    }

    /**
     * Tells the views of a new breaker, after it was published in its rule's breakers: a view
     * that looks then (JMX makes its MBeans match what it finds) finds it.
     */
    void added(BreakerRule rule, CircuitBreaker b) {
        for (Listener l : listeners) {
            try {
                l.added(rule, b);
            } catch (RuntimeException e) {
                // a view's failure must not cost the call its breaker
            }
        }
    }

    void removed(CircuitBreaker b) {
        for (Listener l : listeners) {
            try {
                l.removed(b);
            } catch (RuntimeException e) {
                // as above
            }
        }
    }

    /** The rules in file order. */
    public List<RuleBreakers> rules() {
        List<RuleBreakers> out = new ArrayList<>();
        for (String name : order) {
            RuleBreakers rb = byRule.get(name);
            if (rb != null) {
                out.add(rb);
            }
        }
        return out;
    }

    public RuleBreakers rule(String name) {
        return byRule.get(name);
    }

    /** Every breaker, rule by rule. */
    public Collection<CircuitBreaker> all() {
        List<CircuitBreaker> out = new ArrayList<>();
        for (RuleBreakers rb : rules()) {
            out.addAll(rb.all());
        }
        return out;
    }

    /** The timed transitions of every breaker (OPEN to HALF_OPEN, trial reclaim, idle reset). */
    public void refreshAll() {
        for (CircuitBreaker b : all()) {
            try {
                b.refresh();
            } catch (RuntimeException e) {
                // the next refresh tries again
            }
        }
    }

    public void resetAll(String reason) {
        for (CircuitBreaker b : all()) {
            b.reset(reason);
        }
    }
}
