package dev.tripswitch.weaving;

import java.util.regex.Pattern;

/** A class or method name as a rule writes it: exact, or a glob where {@code *} stands for any characters. */
final class TypePattern {
    private final String exact;
    private final Pattern glob;

    TypePattern(String nameOrGlob) {
        if (nameOrGlob.indexOf('*') < 0) {
            exact = nameOrGlob;
            glob = null;
        } else {
            exact = null;
            glob = Pattern.compile(globToRegex(nameOrGlob));
        }
    }

    boolean matches(String name) {
        return exact != null ? exact.equals(name) : glob.matcher(name).matches();
    }

    static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (regex.length() > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return regex.toString();
    }
}
