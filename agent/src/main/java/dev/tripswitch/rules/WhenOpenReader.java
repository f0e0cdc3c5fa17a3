package dev.tripswitch.rules;

import java.util.List;
import java.util.Map;

/**
 * {@code whenOpen:}: exactly one of throw, return, call or lastGood.
 */
final class WhenOpenReader {
    private final YamlReader y;

    WhenOpenReader(YamlReader y) {
        this.y = y;
    }

    WhenOpen whenOpen(YamlNode node, String where) {
        YamlMapping m = y.mapping(node, where);
        if (m == null) {
            return WhenOpen.DEFAULT;
        }
        Map<String, YamlEntry> f = y.fields(m, where, List.of("throw", "return", "call", "lastGood"));
        if (f.size() != 1) {
            if (!f.isEmpty() || m.entries().isEmpty()) {
                y.problem(m, where + " needs exactly one of throw, return, call or lastGood"
                        + (f.size() > 1 ? " (it has " + String.join(", ", f.keySet()) + ")" : ""));
            }
            return WhenOpen.DEFAULT;
        }
        String kind = f.keySet().iterator().next();
        YamlNode n = f.get(kind).value();
        switch (kind) {
            case "throw" -> {
                String type = y.string(n, where + ".throw");
                if (type != null && !YamlReader.CLASS_NAME.matcher(type).matches()) {
                    y.problem(n, where + ".throw: '" + type + "' is not an exception class name (java.net.ConnectException)");
                }
                return new WhenOpen.Throw(type == null ? WhenOpen.DEFAULT_EXCEPTION : type);
            }
            case "return" -> {
                return returnValue(n, where + ".return");
            }
            case "call" -> {
                String target = y.string(n, where + ".call");
                if (target == null) {
                    return WhenOpen.DEFAULT;
                }
                int hash = target.indexOf('#');
                if (hash <= 0 || hash == target.length() - 1 || !YamlReader.CLASS_NAME.matcher(target.substring(0, hash)).matches()) {
                    y.problem(n, where + ".call: '" + target + "' must be Class#method (com.acme.Fallbacks#charge)");
                    return WhenOpen.DEFAULT;
                }
                return new WhenOpen.Call(target.substring(0, hash), target.substring(hash + 1));
            }
            default -> {
                long ttl = 600_000_000_000L;
                int max = 1000;
                if (!y.isNull(n)) {
                    YamlMapping lg = y.mapping(n, where + ".lastGood");
                    if (lg != null) {
                        Map<String, YamlEntry> lf = y.fields(lg, where + ".lastGood", List.of("ttl", "max"));
                        if (lf.containsKey("ttl")) {
                            Long d = y.duration(lf.get("ttl").value(), where + ".lastGood.ttl", false);
                            ttl = d == null ? ttl : d;
                        }
                        if (lf.containsKey("max")) {
                            Integer i = y.integer(lf.get("max").value(), where + ".lastGood.max", 1, 10_000_000);
                            max = i == null ? max : i;
                        }
                    }
                }
                return new WhenOpen.LastGood(ttl, max);
            }
        }
    }

    /**
     * The value a rejected call returns, typed as YAML reads it: untagged and unquoted,
     * {@code null}, {@code true}/{@code false} (and YAML 1.1's yes/no/on/off), a whole number
     * (decimal, {@code 0x} hex or {@code 0b} binary, {@code _} between digits), a decimal
     * number ({@code .inf}, {@code .nan}) or the word {@code empty}; anything quoted is text;
     * a tag ({@code !!str 42}) says the type.
     */
    private WhenOpen.Return returnValue(YamlNode n, String where) {
        if (!(n instanceof YamlScalar s)) {
            y.problem(n, where + " must be a single value: null, true, 42, \"text\" or empty");
            return new WhenOpen.Return(null, false);
        }
        if (s.isNull()) {
            return new WhenOpen.Return(null, false);
        }
        String value = s.value();
        String type = s.tag() != null ? s.tag().substring(s.tag().startsWith(YamlScalar.TAG_PREFIX)
                ? YamlScalar.TAG_PREFIX.length() : 0) : s.isPlain() ? plainType(value) : "str";
        switch (type) {
            case "bool" -> {
                Boolean b = bool(value);
                if (b != null) {
                    return new WhenOpen.Return(b, false);
                }
            }
            case "int" -> {
                Long l = whole(value);
                if (l != null) {
                    return new WhenOpen.Return(l, false);
                }
            }
            case "float" -> {
                Double d = decimal(value);
                if (d != null) {
                    return new WhenOpen.Return(d, false);
                }
            }
            case "str" -> {
                return new WhenOpen.Return(y.substitute(n, value), false);
            }
            default -> {
                if (s.isPlain() && value.equals("empty")) {
                    return new WhenOpen.Return(null, true);
                }
                return new WhenOpen.Return(y.substitute(n, value), false);
            }
        }
        y.problem(n, where + ": '" + value + "' is not " + (type.equals("bool") ? "true or false"
                : type.equals("int") ? "a whole number that fits in 64 bits" : "a number"));
        return new WhenOpen.Return(null, false);
    }

    /** What YAML makes of a plain value: bool, int, float, or anything else ("str"). */
    private static String plainType(String value) {
        if (bool(value) != null) {
            return "bool";
        }
        if (looksWhole(value)) {
            return "int";
        }
        if (decimal(value) != null) {
            return "float";
        }
        return "plain";
    }

    private static Boolean bool(String v) {
        return switch (v) {
            case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON" -> Boolean.TRUE;
            case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** Digits (with {@code _} between them) after an optional sign, or {@code 0x}/{@code 0b} and their digits. */
    private static boolean looksWhole(String v) {
        int i = v.startsWith("-") || v.startsWith("+") ? 1 : 0;
        int radix = 10;
        if (v.startsWith("0x", i) || v.startsWith("0b", i)) {
            radix = v.charAt(i + 1) == 'x' ? 16 : 2;
            i += 2;
        }
        if (i == v.length() || v.charAt(i) == '_') {
            return false;
        }
        for (; i < v.length(); i++) {
            if (v.charAt(i) != '_' && Character.digit(v.charAt(i), radix) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The value of a whole number {@link #looksWhole} accepts, or null when it is not one or does not fit. */
    private static Long whole(String v) {
        if (!looksWhole(v)) {
            return null;
        }
        String digits = v.replace("_", "");
        boolean negative = digits.startsWith("-");
        String unsigned = digits.startsWith("-") || digits.startsWith("+") ? digits.substring(1) : digits;
        int radix = unsigned.startsWith("0x") ? 16 : unsigned.startsWith("0b") ? 2 : 10;
        try {
            return Long.parseLong((negative ? "-" : "") + (radix == 10 ? unsigned : unsigned.substring(2)), radix);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A decimal number as YAML writes one ({@code 1.5}, {@code -2e3}, {@code .5}, {@code .inf}, {@code .nan}), or null. */
    private static Double decimal(String v) {
        switch (v) {
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-.inf", "-.Inf", "-.INF" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case ".nan", ".NaN", ".NAN" -> {
                return Double.NaN;
            }
            default -> {
            }
        }
        boolean digit = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if ("._eE+-".indexOf(c) < 0) {
                return null; // Java would also read 1d, 0x1p3, NaN or Infinity: YAML does not
            }
        }
        if (!digit) {
            return null;
        }
        try {
            return Double.valueOf(v.replace("_", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
