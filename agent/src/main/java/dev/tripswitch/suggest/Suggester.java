package dev.tripswitch.suggest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.tripswitch.instrumentation.ClientInstrumentation;
import dev.tripswitch.instrumentation.Presets;

/**
 * Turns what discovery observed into a rules.yml to paste: one rule per client library
 * that was used (its preset keys it per host or database, so each dependency gets its own
 * breaker), with thresholds from what was seen and a comment saying why:
 *
 * <ul>
 * <li>{@code slowCall}: three times the highest p99 seen (and at least 100 ms above it, at
 * least 100 ms in all), rounded up to a round figure, so today's normal traffic is never
 * slow and a dependency that turns several times slower trips;</li>
 * <li>{@code failureRate}: 50% when calls rarely failed; above what was seen (+25 points,
 * at most 95%) for a dependency that already fails often, so it does not trip on its usual
 * failures;</li>
 * <li>{@code minimumCalls}: half of what the busiest host sends in the 10 s window (5 to
 * 100), so a quiet dependency still gets a verdict and a busy one is not judged on a few
 * calls.</li>
 * </ul>
 */
public final class Suggester {
    private static final long[] ROUND_MS = {100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 30000, 60000};

    private Suggester() {
    }

    /**
     * The suggested rules.yml.
     *
     * @param seconds how long the traffic was watched
     */
    public static String rules(List<Observed> observed, double seconds) {
        Map<String, List<Observed>> byPreset = new LinkedHashMap<>();
        for (ClientInstrumentation p : Presets.all()) {
            for (Observed o : observed) {
                if (o.preset().equals(p.preset()) && o.calls() > 0) {
                    byPreset.computeIfAbsent(p.preset(), k -> new ArrayList<>()).add(o);
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "# Suggested by tripswitch from %.0f s of this application's traffic"
                + " (observe mode: nothing was rejected).%n", seconds));
        out.append("# Check it (java -jar tripswitch-agent.jar check rules.yml), then start with"
                + " -javaagent:tripswitch-agent.jar=rules.yml\n");
        out.append("version: 1\nbreakers:");
        if (byPreset.isEmpty()) {
            out.append(" []\n# no outbound HTTP or database call was seen: watch longer, while the application works\n");
            return out.toString();
        }
        out.append('\n');
        byPreset.forEach((preset, deps) -> rule(out, preset, deps, seconds));
        return out.toString();
    }

    private static void rule(StringBuilder out, String preset, List<Observed> deps, double seconds) {
        long calls = 0;
        long failures = 0;
        double worstP99 = -1;
        String worstHost = null;
        double busiest = 0;
        for (Observed o : deps) {
            calls += o.calls();
            failures += o.failures();
            if (o.p99() > worstP99) {
                worstP99 = o.p99();
                worstHost = o.key();
            }
            busiest = Math.max(busiest, o.calls() / Math.max(1, seconds));
        }
        for (Observed o : deps) {
            out.append(String.format(Locale.ROOT, "  # %s: %,d calls (%.1f/s), %.1f%% failed, p50 %s, p99 %s%n",
                    o.key(), o.calls(), o.calls() / Math.max(1, seconds), o.failurePercent(), ms(o.p50()), ms(o.p99())));
        }
        double failed = calls == 0 ? 0 : 100.0 * failures / calls;
        long slow = slowCallMillis(worstP99);
        int failureRate = failureRatePercent(failed);
        int minimumCalls = (int) Math.max(5, Math.min(100, Math.round(busiest * 10 / 2)));
        out.append("  - name: ").append(preset).append('\n');
        line(out, "preset: " + preset, "one breaker per host (or database): " + deps.size() + " seen");
        line(out, "slowCall: " + duration(slow), worstP99 < 0 ? "no call was timed: a ceiling well above usual calls"
                : String.format(Locale.ROOT, "well above the highest p99 seen (%s at %s)", ms(worstP99), worstHost));
        line(out, "slowCallRate: 50%", "half the calls that slow: the dependency is struggling");
        line(out, "failureRate: " + failureRate + "%", String.format(Locale.ROOT, failed < 10
                ? "%.1f%% of calls failed while watched" : "%.1f%% failed while watched: above its usual failures",
                failed));
        line(out, "minimumCalls: " + minimumCalls, String.format(Locale.ROOT,
                "the busiest host sent %.1f calls/s: half a 10 s window", busiest));
    }

    /** One setting of a rule, its comment lined up at column 40. */
    private static void line(StringBuilder out, String setting, String why) {
        String text = "    " + setting;
        out.append(text).append(" ".repeat(Math.max(1, 40 - text.length()))).append("# ").append(why).append('\n');
    }

    /** Three times the p99, at least 100 ms above it and 100 ms in all, rounded up. */
    static long slowCallMillis(double p99) {
        double wanted = p99 < 0 ? 2000 : Math.max(100, Math.max(p99 * 3, p99 + 100));
        for (long r : ROUND_MS) {
            if (r >= wanted) {
                return r;
            }
        }
        return (long) Math.ceil(wanted / 60000) * 60000;
    }

    static int failureRatePercent(double failedPercent) {
        if (failedPercent < 10) {
            return 50;
        }
        return (int) Math.min(95, Math.max(50, Math.ceil((failedPercent + 25) / 5) * 5));
    }

    private static String duration(long ms) {
        return ms % 60000 == 0 ? ms / 60000 + "m" : ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    private static String ms(double v) {
        return v < 0 ? "-" : String.format(Locale.ROOT, "%.1f ms", v);
    }
}
