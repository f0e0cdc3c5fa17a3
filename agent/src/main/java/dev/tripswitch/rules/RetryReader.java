package dev.tripswitch.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a breaker's {@code retry:} block into a {@link RetrySpec}. Values the user wrote are
 * checked against each other ({@code maxDelay} against {@code delay}); a default that would
 * clash with a written value adapts to it (a short {@code maxDelay} alone lowers the default
 * {@code delay}).
 */
final class RetryReader {
    static final List<String> KEYS = List.of("attempts", "delay", "multiplier", "maxDelay", "jitter", "on",
            "idempotentOnly");
    /** Past this many attempts a retry storm is more likely than a recovery: almost surely a typo. */
    static final int MAX_ATTEMPTS = 100;
    private final YamlReader y;

    RetryReader(YamlReader y) {
        this.y = y;
    }

    RetrySpec retry(YamlNode n, String where) {
        YamlMapping m = y.mapping(n, where);
        if (m == null) {
            return null;
        }
        int before = y.problemCount();
        Map<String, YamlEntry> f = y.fields(m, where, KEYS);
        int attempts = RetrySpec.DEFAULT_ATTEMPTS;
        if (f.containsKey("attempts")) {
            Integer v = y.integer(f.get("attempts").value(), where + ".attempts (calls in all, the first one"
                    + " included)", 1, MAX_ATTEMPTS);
            attempts = v == null ? attempts : v;
        }
        Long delay = f.containsKey("delay") ? y.duration(f.get("delay").value(), where + ".delay", true) : null;
        Long maxDelay = f.containsKey("maxDelay")
                ? y.duration(f.get("maxDelay").value(), where + ".maxDelay", false) : null;
        double multiplier = 1;
        if (f.containsKey("multiplier")) {
            YamlNode mn = f.get("multiplier").value();
            Double v = y.number(mn, where + ".multiplier");
            if (v != null && (v < 1 || v > 100 || v.isNaN())) {
                y.problem(mn, where + ".multiplier is " + v + " but must be from 1 (the same wait each time) to 100");
            } else if (v != null) {
                multiplier = v;
            }
        }
        if (delay != null && maxDelay != null && maxDelay < delay) {
            y.problem(f.get("maxDelay").value(), where + ".maxDelay (" + maxDelay / 1_000_000 + "ms) is shorter"
                    + " than delay (" + delay / 1_000_000 + "ms): the first wait could never be as long as asked;"
                    + " raise maxDelay or lower delay");
        }
        long delayNanos = delay != null ? delay
                : maxDelay != null ? Math.min(RetrySpec.DEFAULT_DELAY_NANOS, maxDelay) : RetrySpec.DEFAULT_DELAY_NANOS;
        double jitter = 0;
        if (f.containsKey("jitter")) {
            YamlNode jn = f.get("jitter").value();
            String s = y.string(jn, where + ".jitter");
            if (s != null && !s.replace("%", "").trim().matches("0+(\\.0+)?")) {
                Double v = y.rate(jn, where + ".jitter");
                jitter = v == null ? 0 : v;
            }
        }
        List<String> on = new ArrayList<>();
        if (f.containsKey("on")) {
            YamlNode on0 = f.get("on").value();
            List<String> names = y.strings(on0, where + ".on");
            for (String name : names == null ? List.<String>of() : names) {
                if (!YamlReader.CLASS_NAME.matcher(name).matches()) {
                    y.problem(on0, where + ".on: '" + name + "' is not a class name: write exception types such as"
                            + " java.io.IOException");
                } else {
                    on.add(name);
                }
            }
        }
        boolean idempotentOnly = true;
        if (f.containsKey("idempotentOnly")) {
            Boolean v = y.bool(f.get("idempotentOnly").value(), where + ".idempotentOnly");
            idempotentOnly = v == null || v;
        }
        if (y.problemCount() > before) {
            return null;
        }
        return new RetrySpec(attempts, delayNanos, multiplier, maxDelay != null ? maxDelay : Long.MAX_VALUE, jitter,
                on, idempotentOnly);
    }
}
