package dev.tripswitch.rules;

import java.util.List;

import dev.tripswitch.engine.BreakerConfig;

/**
 * One entry of {@code breakers:}, with the defaults and its preset already merged in.
 *
 * @param name     unique; names the breaker in JMX, logs and HTTP
 * @param matches  the methods it guards (a preset may give several)
 * @param key      one breaker per distinct value of this expression, or null for one breaker
 * @param maxKeys  bound on distinct keys
 * @param preset   the preset it started from, or null
 */
public record BreakerRule(String name, List<MatchSpec> matches, KeyExpression key, int maxKeys, FailOn failOn,
                          WhenOpen whenOpen, BreakerConfig config, String preset) {
    public BreakerRule {
        matches = List.copyOf(matches);
    }

    /** The same rule with other settings: what a reload puts in force. */
    public BreakerRule withConfig(BreakerConfig next) {
        return new BreakerRule(name, matches, key, maxKeys, failOn, whenOpen, next, preset);
    }
}
