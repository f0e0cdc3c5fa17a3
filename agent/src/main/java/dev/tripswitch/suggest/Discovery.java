package dev.tripswitch.suggest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.tripswitch.engine.CircuitBreaker;
import dev.tripswitch.instrumentation.ClientInstrumentation;
import dev.tripswitch.instrumentation.Presets;
import dev.tripswitch.rules.BreakerRule;
import dev.tripswitch.rules.RulesException;
import dev.tripswitch.rules.RulesLoader;
import dev.tripswitch.runtime.BreakerRegistry;
import dev.tripswitch.runtime.RuleBreakers;

/**
 * {@code agent.discover} and {@code suggest}: one rule per preset, named {@code discover-<preset>},
 * in observe mode (they never reject) with every call timed ({@code slowCall} far above any
 * call, which times each one for the latency quantiles without ever counting one slow). What
 * they count, per host, is what {@link Suggester} turns into rules.
 */
public final class Discovery {
    /** The prefix of the discovery rules' names. */
    public static final String PREFIX = "discover-";

    private Discovery() {
    }

    /** The discovery rules as rules.yml text (every preset), validated like any file. */
    static String rulesText() {
        StringBuilder out = new StringBuilder("version: 1\nbreakers:\n");
        for (ClientInstrumentation p : Presets.all()) {
            out.append("  - {name: ").append(PREFIX).append(p.preset()).append(", preset: ").append(p.preset())
                    .append(", mode: observe, slowCall: 1h, window: {type: count, size: 100}}\n");
        }
        return out.toString();
    }

    /** The discovery rules to add to a file's, leaving out a name the file already uses. */
    public static List<BreakerRule> rules(Set<String> taken) {
        try {
            List<BreakerRule> out = new ArrayList<>();
            for (BreakerRule r : RulesLoader.parse(rulesText(), "discovery rules", Presets.catalog()).breakers()) {
                if (!taken.contains(r.name())) {
                    out.add(r);
                }
            }
            return out;
        } catch (RulesException e) {
            throw new IllegalStateException("the discovery rules do not validate: " + e.getMessage(), e);
        }
    }

    /**
     * The rules to put in force for a file: its own, and with {@code agent.discover} the
     * discovery rules too (at start and on every reload alike).
     */
    public static List<BreakerRule> inForce(dev.tripswitch.rules.RulesFile file) {
        if (!file.agent().discover()) {
            return file.breakers();
        }
        List<BreakerRule> out = new ArrayList<>(file.breakers());
        java.util.Set<String> names = new java.util.HashSet<>();
        for (BreakerRule r : file.breakers()) {
            names.add(r.name());
        }
        out.addAll(rules(names));
        return out;
    }

    /**
     * The suggested rules.yml for what the discovery rules counted since {@code sinceMillis}
     * (when discovery started), or null when it is not running (0).
     */
    public static String suggestion(BreakerRegistry registry, long sinceMillis) {
        return sinceMillis == 0 ? null
                : Suggester.rules(observed(registry), (System.currentTimeMillis() - sinceMillis) / 1000.0);
    }

    /** What the discovery rules counted so far, per preset and host. */
    public static List<Observed> observed(BreakerRegistry registry) {
        List<Observed> out = new ArrayList<>();
        for (RuleBreakers rule : registry.rules()) {
            String name = rule.rule().name();
            if (!name.startsWith(PREFIX) || rule.rule().preset() == null) {
                continue;
            }
            for (CircuitBreaker b : rule.all()) {
                if (b.metrics().totalCalls() > 0 && b.key() != null) {
                    out.add(new Observed(rule.rule().preset(), b.key(), b.metrics().totalCalls(), b.metrics().totalFailures(),
                            b.metrics().latencyP50Millis(), b.metrics().latencyP99Millis()));
                }
            }
        }
        return out;
    }
}
