package dev.tripswitch.rules;

import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code key:} of docs/rules.md, parsed: {@code host}, {@code argN}, {@code argN.a.b} or
 * {@code this.a.b}. Only the syntax is checked here; whether the properties exist is
 * learnt on first use, against the real argument types.
 *
 * @param source the text as the user wrote it
 * @param root   {@link Root#HOST}, {@link Root#ARG} or {@link Root#THIS}
 * @param arg    the argument index for {@link Root#ARG}
 * @param path   the properties to follow from the root, possibly none
 */
public final class KeyExpression {
    private final String source;
    private final Root root;
    private final int arg;
    private final List<String> path;

    public String source() {
        return source;
    }

    public Root root() {
        return root;
    }

    public int arg() {
        return arg;
    }

    public List<String> path() {
        return path;
    }

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final Pattern ARG = Pattern.compile("arg(\\d+)");

    public enum Root { HOST, ARG, THIS }

    public KeyExpression(String source, Root root, int arg, List<String> path) {
        path = List.copyOf(path);
        this.source = source;
        this.root = root;
        this.arg = arg;
        this.path = path;
    }

    /** Parses a key expression; the exception's message says what is wrong and what is allowed. */
    public static KeyExpression parse(String text) {
        String s = text == null ? "" : text.trim();
        if (s.equals("host")) {
            return new KeyExpression(s, Root.HOST, -1, List.of());
        }
        String[] parts = s.split("\\.", -1);
        List<String> path = parsePath(parts, s);
        var arg = ARG.matcher(parts[0]);
        if (arg.matches()) {
            int index = Integer.parseInt(arg.group(1));
            if (index > 254) {
                throw new IllegalArgumentException("'" + s + "': a method has at most 255 arguments");
            }
            return new KeyExpression(s, Root.ARG, index, path);
        }
        if (parts[0].equals("this")) {
            return new KeyExpression(s, Root.THIS, -1, path);
        }
        throw new IllegalArgumentException("'" + s + "' is not a key expression: use host, argN, argN.a.b or this.a.b");
    }

    static List<String> parsePath(String[] parts, String whole) {
        for (int i = 1; i < parts.length; i++) {
            if (!IDENTIFIER.matcher(parts[i]).matches()) {
                throw new IllegalArgumentException("'" + whole + "': '" + parts[i]
                        + "' is not a property name (letters, digits, _ and $; not starting with a digit)");
            }
        }
        return List.of(parts).subList(1, parts.length);
    }

    @Override
    public String toString() {
        return source;
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof KeyExpression)) {
            return false;
        }
        KeyExpression other = (KeyExpression) o;
        return java.util.Objects.equals(source, other.source)
            && java.util.Objects.equals(root, other.root)
            && arg == other.arg
            && java.util.Objects.equals(path, other.path);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(source, root, arg, path);
    }
}
