package dev.tripswitch.weaving;

import java.util.List;

/**
 * A class or method name as a rule writes it: exact, or a glob where {@code *} stands for any
 * characters. A glob is matched by its literal parts in order (a prefix, a suffix, and what
 * lies between found left to right), not by a regular expression: the front asks every class
 * that loads, so a match must cost a few comparisons, not a regex engine.
 */
final class TypePattern {
    private final String exact;
    /** The glob's literal parts between its stars: the first is a prefix, the last a suffix. */
    private final String[] parts;
    private final int minLength;

    TypePattern(String nameOrGlob) {
        if (nameOrGlob.indexOf('*') < 0) {
            exact = nameOrGlob;
            parts = null;
            minLength = nameOrGlob.length();
        } else {
            exact = null;
            parts = nameOrGlob.split("\\*", -1);
            int length = 0;
            for (String part : parts) {
                length += part.length();
            }
            minLength = length;
        }
    }

    /**
     * Whether some name that starts with one of {@code prefixes} could match: an exact name
     * starts with one; a glob's literal prefix and one of them agree as far as both go.
     */
    boolean mayMatchUnder(List<String> prefixes) {
        String start = exact != null ? exact : parts[0];
        for (String prefix : prefixes) {
            if (start.startsWith(prefix) || exact == null && prefix.startsWith(start)) {
                return true;
            }
        }
        return false;
    }

    /** The fewest characters a matching name has. */
    int minLength() {
        return minLength;
    }

    /** The name when this is not a glob, else null. */
    String exact() {
        return exact;
    }

    boolean matches(String name) {
        if (exact != null) {
            return exact.equals(name);
        }
        if (name.length() < minLength) {
            return false;
        }
        String first = parts[0];
        String last = parts[parts.length - 1];
        if (!name.startsWith(first) || !name.endsWith(last)) {
            return false;
        }
        int from = first.length();
        int to = name.length() - last.length(); // the middle parts lie in [from, to)
        for (int i = 1; i < parts.length - 1; i++) {
            int at = name.indexOf(parts[i], from);
            if (at < 0 || at + parts[i].length() > to) {
                return false;
            }
            from = at + parts[i].length();
        }
        return true;
    }
}
