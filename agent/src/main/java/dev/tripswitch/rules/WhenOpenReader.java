package dev.tripswitch.rules;

import java.math.BigInteger;
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
            case "throw": {
                String type = y.string(n, where + ".throw");
                if (type != null && !YamlReader.CLASS_NAME.matcher(type).matches()) {
                    y.problem(n, where + ".throw: '" + type + "' is not an exception class name (java.net.ConnectException)");
                }
                return new WhenOpen.Throw(type == null ? WhenOpen.DEFAULT_EXCEPTION : type);
            }
            case "return": {
                return returnValue(n, where + ".return");
            }
            case "call": {
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
            default: {
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
        if (!(n instanceof YamlScalar)) {
            y.problem(n, where + " must be a single value: null, true, 42, \"text\" or empty");
            return new WhenOpen.Return(null, false);
        }
        YamlScalar s = (YamlScalar) n;
        if (s.isNull()) {
            return new WhenOpen.Return(null, false);
        }
        String value = s.value();
        String tag = s.tag() == null ? null : s.tag().replace(YamlScalar.TAG_PREFIX, "");
        Object typed;
        String expected;
        if (tag == null) {
            if (!s.isPlain()) {
                return new WhenOpen.Return(y.substitute(n, value), false); // quoted or a block: text
            }
            typed = bool(value);
            if (typed == null) {
                typed = whole(value);
            }
            if (typed == null) {
                typed = decimal(value);
            }
            if (typed == null) {
                return value.equals("empty") ? new WhenOpen.Return(null, true)
                        : new WhenOpen.Return(y.substitute(n, value), false);
            }
            expected = "a whole number that fits in 64 bits";
        } else {
            switch (tag) {
                case "bool":
                    typed = bool(value);
                    break;
                case "int":
                    typed = whole(value);
                    break;
                case "float":
                    typed = decimal(value);
                    break;
                default:
                    typed = y.substitute(n, value);
                    break;
            }
            expected = tag.equals("bool") ? "true or false" : tag.equals("int")
                    ? "a whole number that fits in 64 bits" : "a number";
        }
        if (typed instanceof BigInteger) {
            BigInteger big = (BigInteger) typed;
            typed = big.bitLength() < Long.SIZE ? (Object) big.longValue() : null;
        }
        if (typed == null) {
            y.problem(n, where + ": '" + value + "' is not " + expected);
        }
        return new WhenOpen.Return(typed, false);
    }

    private static Boolean bool(String v) {
        switch (v) {
            case "true": case "True": case "TRUE": case "yes": case "Yes": case "YES": case "on": case "On": case "ON":
                return Boolean.TRUE;
            case "false": case "False": case "FALSE": case "no": case "No": case "NO": case "off": case "Off": case "OFF":
                return Boolean.FALSE;
            default:
                return null;
        }
    }

    /**
     * A whole number as YAML writes one: digits after an optional sign, or {@code 0x}/{@code 0b}
     * and their digits, {@code _} between digits; null when {@code v} is not one.
     */
    private static BigInteger whole(String v) {
        boolean negative = v.startsWith("-");
        String digits = negative || v.startsWith("+") ? v.substring(1) : v;
        int radix = digits.startsWith("0x") ? 16 : digits.startsWith("0b") ? 2 : 10;
        digits = radix == 10 ? digits : digits.substring(2);
        if (digits.isEmpty() || digits.charAt(0) == '_' || digits.charAt(0) == '+' || digits.charAt(0) == '-') {
            return null;
        }
        try {
            BigInteger n = new BigInteger(digits.replace("_", ""), radix);
            return negative ? n.negate() : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A decimal number as YAML writes one ({@code 1.5}, {@code -2e3}, {@code .5}, {@code .inf}, {@code .nan}), or null. */
    private static Double decimal(String v) {
        switch (v) {
            case ".inf": case ".Inf": case ".INF": case "+.inf": case "+.Inf": case "+.INF": {
                return Double.POSITIVE_INFINITY;
            }
            case "-.inf": case "-.Inf": case "-.INF": {
                return Double.NEGATIVE_INFINITY;
            }
            case ".nan": case ".NaN": case ".NAN": {
                return Double.NaN;
            }
            default: {
                break;
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
