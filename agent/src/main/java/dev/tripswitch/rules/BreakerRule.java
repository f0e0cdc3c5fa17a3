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
 * @param chaos    its {@code chaos:} block, or null
 * @param retry    its {@code retry:} block, or null (no retries)
 */
public final class BreakerRule {
    private final String name;
    private final List<MatchSpec> matches;
    private final KeyExpression key;
    private final int maxKeys;
    private final FailOn failOn;
    private final WhenOpen whenOpen;
    private final BreakerConfig config;
    private final String preset;
    private final ChaosSpec chaos;
    private final RetrySpec retry;

    public String name() {
        return name;
    }

    public List<MatchSpec> matches() {
        return matches;
    }

    public KeyExpression key() {
        return key;
    }

    public int maxKeys() {
        return maxKeys;
    }

    public FailOn failOn() {
        return failOn;
    }

    public WhenOpen whenOpen() {
        return whenOpen;
    }

    public BreakerConfig config() {
        return config;
    }

    public String preset() {
        return preset;
    }

    public ChaosSpec chaos() {
        return chaos;
    }

    public RetrySpec retry() {
        return retry;
    }

    /** {@code maxKeys} when the rule does not say (lowered for large windows: see {@link #MAX_BYTES}). */
    public static final int DEFAULT_MAX_KEYS = 1000;
    /** The most heap the breakers of one rule may hold, all keys' windows full. */
    public static final long MAX_BYTES = 64L << 20;

    /** A rule without a {@code chaos:} block. */
    public BreakerRule(String name, List<MatchSpec> matches, KeyExpression key, int maxKeys, FailOn failOn,
                       WhenOpen whenOpen, BreakerConfig config, String preset) {
        this(name, matches, key, maxKeys, failOn, whenOpen, config, preset, null, null);
    }

    /** {@code maxKeys} when the rule does not say: 1000, or fewer so that all keys' windows fit in {@link #MAX_BYTES}. */
    public static int defaultMaxKeys(BreakerConfig config) {
        return (int) Math.max(1, Math.min(DEFAULT_MAX_KEYS, MAX_BYTES / config.window().maxBytesPerBreaker()));
    }

    /** The most heap this rule's breakers can hold: every key's window full. */
    public long maxBytes() {
        return maxBytes(key == null ? 1 : maxKeys, config);
    }

    /** The most heap {@code breakers} breakers with this config's window can hold. */
    static long maxBytes(int breakers, BreakerConfig config) {
        return breakers * config.window().maxBytesPerBreaker();
    }
    public BreakerRule(String name, List<MatchSpec> matches, KeyExpression key, int maxKeys, FailOn failOn, WhenOpen whenOpen, BreakerConfig config, String preset, ChaosSpec chaos, RetrySpec retry) {
        matches = List.copyOf(matches);
        this.name = name;
        this.matches = matches;
        this.key = key;
        this.maxKeys = maxKeys;
        this.failOn = failOn;
        this.whenOpen = whenOpen;
        this.config = config;
        this.preset = preset;
        this.chaos = chaos;
        this.retry = retry;
    }

    /**
     * This rule with {@code next}'s settings (breaker config, retry, chaos): what a reload puts
     * in force without weaving again.
     */
    public BreakerRule withSettingsOf(BreakerRule next) {
        return new BreakerRule(name, matches, key, maxKeys, failOn, whenOpen, next.config, preset, next.chaos,
                next.retry);
    }

    /** Whether {@code next} has the same settings that {@link #withSettingsOf} takes (config, chaos, retry). */
    public boolean sameSettingsAs(BreakerRule next) {
        return config.equals(next.config) && java.util.Objects.equals(chaos, next.chaos)
                && java.util.Objects.equals(retry, next.retry);
    }

    /** Whether {@code next} differs from this rule only in what {@link #withSettingsOf} takes. */
    public boolean sameWeavingAs(BreakerRule next) {
        return matches.equals(next.matches) && java.util.Objects.equals(key, next.key) && failOn.equals(next.failOn)
                && whenOpen.equals(next.whenOpen) && maxKeys == next.maxKeys
                && java.util.Objects.equals(preset, next.preset);
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof BreakerRule)) {
            return false;
        }
        BreakerRule other = (BreakerRule) o;
        return java.util.Objects.equals(name, other.name)
            && java.util.Objects.equals(matches, other.matches)
            && java.util.Objects.equals(key, other.key)
            && maxKeys == other.maxKeys
            && java.util.Objects.equals(failOn, other.failOn)
            && java.util.Objects.equals(whenOpen, other.whenOpen)
            && java.util.Objects.equals(config, other.config)
            && java.util.Objects.equals(preset, other.preset)
            && java.util.Objects.equals(chaos, other.chaos)
            && java.util.Objects.equals(retry, other.retry);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, matches, key, maxKeys, failOn, whenOpen, config, preset, chaos, retry);
    }

    @Override
    public String toString() {
        return "BreakerRule[name=" + name + ", matches=" + matches + ", key=" + key + ", maxKeys=" + maxKeys + ", failOn=" + failOn + ", whenOpen=" + whenOpen + ", config=" + config + ", preset=" + preset + ", chaos=" + chaos + ", retry=" + retry + "]";
    }
}
