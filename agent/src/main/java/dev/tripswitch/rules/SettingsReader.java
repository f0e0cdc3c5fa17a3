package dev.tripswitch.rules;

import java.util.List;
import java.util.Map;

import dev.tripswitch.engine.BreakerConfig;
import dev.tripswitch.engine.Mode;
import dev.tripswitch.engine.WindowConfig;

/**
 * The settings of a breaker ({@code defaults:} and each breaker's own keys) into the one
 * config builder; {@code window:} blocks; the built config, or the problem that its
 * written values do not fit together.
 */
final class SettingsReader {
    static final List<String> SETTING_KEYS = List.of("mode", "failureRate", "slowCall", "slowCallRate",
            "minimumCalls", "consecutiveFailures", "window", "openFor", "backoff", "halfOpen", "idleReset");

    private final YamlReader y;

    SettingsReader(YamlReader y) {
        this.y = y;
    }

    /** The config a builder holds, or null after reporting (at {@code at}) why its values do not fit together. */
    BreakerConfig build(BreakerConfig.Builder settings, YamlNode at, String where) {
        try {
            return settings.build();
        } catch (IllegalArgumentException e) {
            y.problem(at, where + ": " + e.getMessage());
            return null;
        }
    }

    void settings(Map<String, YamlEntry> f, BreakerConfig.Builder s, String where) {
        for (Map.Entry<String, YamlEntry> e : f.entrySet()) {
            String key = e.getKey();
            YamlNode n = e.getValue().value();
            String at = where + "." + key;
            switch (key) {
                case "mode": {
                    String v = y.string(n, at);
                    Mode mode = v == null ? null : y.oneOf(n, at, v, Mode.class, null);
                    if (mode != null) {
                        s.mode(mode);
                    }
                    break;
                }
                case "failureRate":
                    y.set(y.rate(n, at), s::failureRate);
                    break;
                case "slowCall":
                    y.set(y.duration(n, at, true), s::slowCallNanos);
                    break;
                case "slowCallRate":
                    y.set(y.rate(n, at), s::slowCallRate);
                    break;
                case "minimumCalls":
                    y.set(y.integer(n, at, 1, Integer.MAX_VALUE), s::minimumCalls);
                    break;
                case "consecutiveFailures":
                    y.set(y.integer(n, at, 0, Integer.MAX_VALUE), s::consecutiveFailures);
                    break;
                case "window":
                    y.set(window(n, at, s.window()), s::window);
                    break;
                case "openFor":
                    y.set(y.duration(n, at, false), s::openForNanos);
                    break;
                case "backoff": {
                    YamlMapping m = y.mapping(n, at);
                    if (m != null) {
                        Map<String, YamlEntry> bf = y.fields(m, at, List.of("multiplier", "max"));
                        if (bf.containsKey("multiplier")) {
                            y.set(y.number(bf.get("multiplier").value(), at + ".multiplier"), s::backoffMultiplier);
                        }
                        if (bf.containsKey("max")) {
                            y.set(y.duration(bf.get("max").value(), at + ".max", false), s::backoffMaxNanos);
                        }
                    }
                    break;
                }
                case "halfOpen": {
                    YamlMapping m = y.mapping(n, at);
                    if (m != null) {
                        Map<String, YamlEntry> hf = y.fields(m, at, List.of("calls", "successes", "maxWait"));
                        if (hf.containsKey("calls")) {
                            y.set(y.integer(hf.get("calls").value(), at + ".calls", 1,
                                    BreakerConfig.HalfOpen.MAX_CALLS), s::halfOpenCalls);
                        }
                        if (hf.containsKey("successes")) {
                            y.set(y.integer(hf.get("successes").value(), at + ".successes", 1,
                                    Integer.MAX_VALUE), s::halfOpenSuccesses);
                        }
                        if (hf.containsKey("maxWait")) {
                            y.set(y.duration(hf.get("maxWait").value(), at + ".maxWait", false),
                                    s::halfOpenMaxWaitNanos);
                        }
                    }
                    break;
                }
                case "idleReset":
                    y.set(y.duration(n, at, true), s::idleResetNanos);
                    break;
                default: {
                    // breaker-only keys are handled by breaker()
                    break;
                }
            }
        }
    }

    /**
     * A {@code window:} block, or null (reported) when it cannot be read. A key left out takes
     * the inherited window's type, and a time window's {@code buckets} left out adapts to a
     * short {@code size} (at most one bucket per 10 ms).
     */
    private WindowConfig window(YamlNode n, String at, WindowConfig current) {
        YamlMapping m = y.mapping(n, at);
        if (m == null) {
            return null;
        }
        Map<String, YamlEntry> f = y.fields(m, at, List.of("type", "size", "buckets"));
        String type = current instanceof WindowConfig.Count ? "count" : "time";
        if (f.containsKey("type")) {
            YamlNode t = f.get("type").value();
            String v = y.string(t, at + ".type");
            if (v != null && !v.equals("time") && !v.equals("count")) {
                y.problem(t, at + ".type '" + v + "' is not a window type: use time or count");
                return null;
            }
            type = v == null ? type : v;
        }
        try {
            if (type.equals("count")) {
                if (f.containsKey("buckets")) {
                    y.problem(f.get("buckets").key(), at + ".buckets applies only to time windows");
                }
                Integer size = f.containsKey("size")
                        ? y.integer(f.get("size").value(), at + ".size", 1, WindowConfig.Count.MAX_SIZE)
                        : Integer.valueOf(WindowConfig.Count.DEFAULT_SIZE);
                return size == null ? null : new WindowConfig.Count(size);
            }
            Long size = f.containsKey("size") ? y.duration(f.get("size").value(), at + ".size", false)
                    : Long.valueOf(WindowConfig.Time.DEFAULT_SIZE_NANOS);
            Integer buckets = f.containsKey("buckets")
                    ? y.integer(f.get("buckets").value(), at + ".buckets", 1, WindowConfig.Time.MAX_BUCKETS)
                    : size == null ? null : Integer.valueOf(WindowConfig.Time.defaultBuckets(size));
            return size == null || buckets == null ? null : new WindowConfig.Time(size, buckets);
        } catch (IllegalArgumentException e) {
            y.problem(m, at + ": " + e.getMessage());
            return null;
        }
    }
}
