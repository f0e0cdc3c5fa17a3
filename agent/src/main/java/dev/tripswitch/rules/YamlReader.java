package dev.tripswitch.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The typed node reader every block of a rules file is read through: the file's node tree
 * ({@link YamlComposer}) keeps where each node starts, so a value that cannot be used becomes a {@link Problem}
 * with the file, line and column of that node. Each reading method returns the value, or
 * null after recording the problem, so one pass reports every problem of a file.
 */
final class YamlReader {
    /** A Java class name: {@code java.io.IOException}, {@code com.acme.Outer$Inner}. */
    static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%?");
    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final String file;
    private final Function<String, String> environment;
    private final List<Problem> problems = new ArrayList<>();
    private final List<Problem> notices = new ArrayList<>();
    /** Per mapping, the keys a misspelt key was taken for: their absence is not reported again. */
    private final Map<YamlMapping, Set<String>> misspelt = new java.util.IdentityHashMap<>();

    YamlReader(String file, Function<String, String> environment) {
        this.file = file;
        this.environment = environment;
    }

    String file() {
        return file;
    }

    List<Problem> problems() {
        return problems;
    }

    List<Problem> notices() {
        return notices;
    }

    int problemCount() {
        return problems.size();
    }

    Map<String, YamlEntry> fields(YamlMapping m, String where, List<String> allowed) {
        Map<String, YamlEntry> out = new LinkedHashMap<>();
        for (YamlEntry t : m.entries()) {
            if (!(t.key() instanceof YamlScalar)) {
                problem(t.key(), "a key in " + where + " must be a plain word");
                continue;
            }
            YamlScalar k = (YamlScalar) t.key();
            String key = k.value();
            if (!allowed.contains(key)) {
                String close = Suggestions.closest(key, allowed);
                if (close != null) {
                    misspelt.computeIfAbsent(m, x -> new HashSet<>()).add(close);
                }
                problem(k, "unknown key '" + key + "' in " + where
                        + (close != null ? "; did you mean '" + close + "'?" : ".")
                        + " Allowed: " + String.join(", ", allowed) + ".");
                continue;
            }
            if (out.put(key, t) != null) {
                problem(k, "'" + key + "' appears twice in " + where + ": keep one");
            }
        }
        return out;
    }

    YamlMapping mapping(YamlNode n, String where) {
        if (n instanceof YamlMapping) {
            YamlMapping m = (YamlMapping) n;
            return m;
        }
        problem(n, where + " must be a mapping of 'key: value' lines" + (n instanceof YamlScalar && !((YamlScalar) n).value().isEmpty()
                ? ", not '" + ((YamlScalar) n).value() + "'" : ""));
        return null;
    }

    String string(YamlNode n, String where) {
        if (n instanceof YamlScalar && !((YamlScalar) n).isNull()) {
            YamlScalar s = (YamlScalar) n;
            return substitute(n, s.value().trim()); // null when a variable is missing (already reported)
        }
        problem(n, where + " needs a single value here");
        return null;
    }

    List<String> strings(YamlNode n, String where) {
        if (n instanceof YamlScalar && !((YamlScalar) n).isNull()) {
            YamlScalar s = (YamlScalar) n;
            String v = substitute(n, s.value().trim());
            return v == null ? null : List.of(v);
        }
        if (n instanceof YamlSequence) {
            YamlSequence seq = (YamlSequence) n;
            List<String> out = new ArrayList<>();
            for (YamlNode item : seq.items()) {
                String v = string(item, where);
                if (v != null) {
                    out.add(v);
                }
            }
            return out;
        }
        problem(n, where + " needs a value or a list of values ([a, b])");
        return null;
    }

    Integer integer(YamlNode n, String where, int min, int max) {
        String s = string(n, where);
        if (s == null) {
            return null;
        }
        try {
            long v = Long.parseLong(s.replace("_", ""));
            if (v < min || v > max) {
                problem(n, where + " is " + s + " but must be " + (max == Integer.MAX_VALUE ? "at least " + min
                        : "from " + min + " to " + max));
                return null;
            }
            return (int) v;
        } catch (NumberFormatException e) {
            problem(n, where + " must be a whole number, not '" + s + "'");
            return null;
        }
    }

    Double number(YamlNode n, String where) {
        String s = string(n, where);
        if (s == null) {
            return null;
        }
        try {
            return Double.valueOf(s);
        } catch (NumberFormatException e) {
            problem(n, where + " must be a number, not '" + s + "'");
            return null;
        }
    }

    Boolean bool(YamlNode n, String where) {
        String s = string(n, where);
        if (s == null) {
            return null;
        }
        if (s.equals("true") || s.equals("false")) {
            return Boolean.valueOf(s);
        }
        problem(n, where + " must be true or false, not '" + s + "'");
        return null;
    }

    /** A duration in nanoseconds: 250ms, 30s, 5m, 1h; 0 only where {@code zeroAllowed}. */
    Long duration(YamlNode n, String where, boolean zeroAllowed) {
        String s = string(n, where);
        if (s == null) {
            return null;
        }
        if (s.equals("0")) {
            if (zeroAllowed) {
                return 0L;
            }
            problem(n, where + " must be more than 0 (250ms, 30s, 5m, 1h)");
            return null;
        }
        Matcher m = DURATION.matcher(s);
        if (!m.matches()) {
            problem(n, where + " '" + s + "' is not a duration: write a whole number and a unit, 250ms, 30s, 5m or 1h"
                    + (zeroAllowed ? " (0 = off)" : ""));
            return null;
        }
        long amount = Long.parseLong(m.group(1));
        long unit;
        switch (m.group(2)) {
            case "ms":
                unit = 1_000_000L;
                break;
            case "s":
                unit = 1_000_000_000L;
                break;
            case "m":
                unit = 60_000_000_000L;
                break;
            default:
                unit = 3_600_000_000_000L;
                break;
        }
        if (amount > Long.MAX_VALUE / unit / 4) {
            problem(n, where + " '" + s + "' is too long");
            return null;
        }
        if (amount == 0 && !zeroAllowed) {
            problem(n, where + " must be more than 0");
            return null;
        }
        return amount * unit;
    }

    /** A rate in percent: 50% or 50. */
    Double rate(YamlNode n, String where) {
        String s = string(n, where);
        if (s == null) {
            return null;
        }
        Matcher m = RATE.matcher(s);
        if (!m.matches()) {
            problem(n, where + " '" + s + "' is not a rate: write a percentage such as 50% or 50");
            return null;
        }
        double v = Double.parseDouble(m.group(1));
        if (v <= 0 || v > 100) {
            problem(n, where + " is " + s + " but must be more than 0% and at most 100%");
            return null;
        }
        return v;
    }

    <E extends Enum<E>> E oneOf(YamlNode n, String where, String value, Class<E> type, E fallback) {
        List<String> allowed = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            allowed.add(e.name().toLowerCase(Locale.ROOT));
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        String close = Suggestions.closest(value, allowed);
        problem(n, where + " '" + value + "' is not allowed" + (close != null ? "; did you mean '" + close + "'?" : ".")
                + " Use one of: " + String.join(", ", allowed) + ".");
        return fallback;
    }

    /** Replaces {@code ${VAR}} with the environment variable's value. */
    String substitute(YamlNode n, String value) {
        if (value.indexOf("${") < 0) {
            return value;
        }
        Matcher m = ENV.matcher(value);
        StringBuilder out = new StringBuilder();
        boolean complete = true;
        while (m.find()) {
            String v = environment.apply(m.group(1));
            if (v == null) {
                problem(n, "the environment variable " + m.group(1) + " is not set: set it, or write the value here");
                complete = false;
                v = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return complete ? out.toString() : null;
    }

    static boolean isNull(YamlNode n) {
        return n instanceof YamlScalar && ((YamlScalar) n).isNull();
    }

    /** Hands a value that was read to its setter; a value that could not be read (null) was reported already. */
    static <T> void set(T value, java.util.function.Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    void notYet(YamlEntry t, String what, String consequence) {
        notices.add(new Problem(file, t.key().line(), t.key().column(),
                what + " is not supported yet: it is accepted and ignored; " + consequence));
    }

    /** A required key is absent, unless a misspelt key was already reported as meaning it. */
    void missing(YamlMapping m, String key, String message) {
        if (!misspelt.getOrDefault(m, Set.of()).contains(key)) {
            problem(m, message);
        }
    }

    void problem(YamlNode n, String message) {
        problems.add(new Problem(file, n.line(), n.column(), message));
    }
}
