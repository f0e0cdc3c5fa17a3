package dev.tripswitch.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.tripswitch.engine.BreakerConfig;

/**
 * One entry of {@code breakers:}: its name, preset, match, key, failOn, whenOpen and
 * settings, read by the block readers and put together into a {@link BreakerRule}.
 */
final class BreakerReader {
    static final List<String> NOT_YET = List.of();
    static final List<String> BREAKER_KEYS;

    static {
        List<String> keys = new ArrayList<>(List.of("name", "preset", "match", "key", "maxKeys", "failOn", "whenOpen"));
        keys.addAll(NOT_YET);
        keys.add("maxConcurrent");
        keys.add("timeout");
        keys.add("chaos");
        keys.add("retry");
        keys.addAll(SettingsReader.SETTING_KEYS);
        BREAKER_KEYS = List.copyOf(keys);
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private final MatchReader match;
    private final FailOnReader failOn;
    private final WhenOpenReader whenOpen;
    private final SettingsReader settings;
    private final RetryReader retries;

    private final YamlReader y;
    private final PresetCatalog presets;

    BreakerReader(YamlReader y, PresetCatalog presets) {
        this.y = y;
        this.presets = presets;
        this.match = new MatchReader(y);
        this.failOn = new FailOnReader(y);
        this.whenOpen = new WhenOpenReader(y);
        this.settings = new SettingsReader(y);
        this.retries = new RetryReader(y);
    }

    BreakerRule breaker(YamlNode node, int index, BreakerConfig.Builder defaults, Set<String> names) {
        String where = "breakers[" + index + "]";
        YamlMapping m = y.mapping(node, where);
        if (m == null) {
            return null;
        }
        int before = y.problemCount();
        Map<String, YamlEntry> f = y.fields(m, where, BREAKER_KEYS);
        String name = null;
        if (!f.containsKey("name")) {
            y.missing(m, "name", where + " has no 'name': give it a unique name of letters, digits, '.', '_' or '-'");
        } else {
            YamlNode n = f.get("name").value();
            name = y.string(n, where + ".name");
            if (name != null && !NAME.matcher(name).matches()) {
                y.problem(n, where + ".name '" + name + "' may only use letters, digits, '.', '_' and '-'");
            } else if (name != null && !names.add(name)) {
                y.problem(n, "the name '" + name + "' is used by an earlier breaker: breaker names must be unique");
            }
            where = where + " (" + name + ")";
        }
        Preset preset = null;
        String presetName = null;
        if (f.containsKey("preset")) {
            YamlNode n = f.get("preset").value();
            presetName = y.string(n, where + ".preset");
            if (presetName != null) {
                preset = presets.get(presetName);
                if (preset == null) {
                    String close = Suggestions.closest(presetName, presets.names());
                    y.problem(n, "unknown preset '" + presetName + "'" + (close != null ? "; did you mean '" + close + "'?" : "")
                            + " Presets: " + String.join(", ", presets.names()) + ".");
                }
            }
        }
        List<MatchSpec> matches = preset != null ? preset.matches() : List.of();
        if (f.containsKey("match")) {
            matches = match.matches(f.get("match").value(), where + ".match");
        } else if (preset == null && presetName == null) {
            y.missing(m, "match", where + " has no 'match:': name the class (type:) and methods (methods:) it guards, or use a preset");
        }
        KeyExpression key = preset != null ? preset.key() : null;
        if (f.containsKey("key")) {
            YamlNode n = f.get("key").value();
            if (y.isNull(n)) {
                key = null;
            } else {
                String s = y.string(n, where + ".key");
                if (s != null) {
                    try {
                        key = KeyExpression.parse(s);
                    } catch (IllegalArgumentException e) {
                        y.problem(n, where + ".key: " + e.getMessage());
                    }
                }
            }
        }
        Integer writtenMaxKeys = f.containsKey("maxKeys")
                ? y.integer(f.get("maxKeys").value(), where + ".maxKeys", 1, 1_000_000) : null;
        FailOn fails = preset != null ? preset.failOn() : FailOn.DEFAULTS;
        if (f.containsKey("failOn")) {
            fails = failOn.failOn(f.get("failOn").value(), where + ".failOn", fails);
        }
        WhenOpen answer = preset != null ? preset.whenOpen() : WhenOpen.DEFAULT;
        if (f.containsKey("whenOpen")) {
            answer = whenOpen.whenOpen(f.get("whenOpen").value(), where + ".whenOpen");
        }
        for (String later : NOT_YET) {
            if (f.containsKey(later)) {
                y.notYet(f.get(later), where + "." + later, "the breaker works without it");
            }
        }
        BreakerConfig.Builder values = defaults.copy();
        settings.settings(f, values, where);
        if (f.containsKey("timeout")) { // futures only: methods returning one are known when woven
            y.set(y.duration(f.get("timeout").value(), where + ".timeout", false), values::timeoutNanos);
        }
        if (f.containsKey("maxConcurrent")) { // a breaker's own bulkhead, per key: not a default
            y.set(y.integer(f.get("maxConcurrent").value(), where + ".maxConcurrent", 0, 1_000_000),
                    values::maxConcurrent);
        }
        BreakerConfig config = settings.build(values, m, where);
        if (y.problemCount() > before || config == null) {
            return null;
        }
        int maxKeys = writtenMaxKeys != null ? writtenMaxKeys : BreakerRule.defaultMaxKeys(config);
        long bytes = BreakerRule.maxBytes(maxKeys, config);
        if (key != null && writtenMaxKeys != null && bytes > BreakerRule.MAX_BYTES) {
            y.problem(f.get("maxKeys").value(), where + ": maxKeys " + maxKeys + " breakers with this window can"
                    + " hold " + Memory.text(bytes) + ", more than the " + Memory.text(BreakerRule.MAX_BYTES) + " a rule"
                    + " may use: lower maxKeys (at most " + BreakerRule.defaultMaxKeys(config) + ") or the window size");
            return null;
        }
        ChaosSpec chaos = f.containsKey("chaos") ? chaos(f.get("chaos").value(), where + ".chaos") : null;
        RetrySpec retry = f.containsKey("retry") ? retries.retry(f.get("retry").value(), where + ".retry") : null;
        if (y.problemCount() > before) {
            return null;
        }
        return new BreakerRule(name, matches, key, maxKeys, fails, answer, config, presetName, chaos, retry);
    }

    /** {@code chaos: {failureRate, exception, latency, latencyRate}}: rates in 0..100%, a class name, a duration. */
    private ChaosSpec chaos(YamlNode n, String where) {
        YamlMapping m = y.mapping(n, where);
        if (m == null) {
            return null;
        }
        Map<String, YamlEntry> f = y.fields(m, where, List.of("failureRate", "exception", "latency", "latencyRate"));
        double failureRate = 0;
        if (f.containsKey("failureRate")) {
            Double v = y.rate(f.get("failureRate").value(), where + ".failureRate");
            failureRate = v == null ? 0 : v;
        }
        String exception = ChaosSpec.DEFAULT_EXCEPTION;
        if (f.containsKey("exception")) {
            YamlNode e = f.get("exception").value();
            String s = y.string(e, where + ".exception");
            if (s != null && !YamlReader.CLASS_NAME.matcher(s).matches()) {
                y.problem(e, where + ".exception: '" + s + "' is not a class name: write one such as java.io.IOException");
            } else if (s != null) {
                exception = s;
            }
        }
        long latency = 0;
        if (f.containsKey("latency")) {
            Long v = y.duration(f.get("latency").value(), where + ".latency", true);
            latency = v == null ? 0 : v;
        }
        double latencyRate = latency > 0 ? 100 : 0;
        if (f.containsKey("latencyRate")) {
            Double v = y.rate(f.get("latencyRate").value(), where + ".latencyRate");
            latencyRate = v == null ? latencyRate : v;
        }
        return new ChaosSpec(failureRate, exception, latency, latencyRate);
    }
}
