package dev.tripswitch.rules;

import java.util.List;

/**
 * Which methods a breaker guards ({@code match:}).
 *
 * @param type     a class or interface name; {@code *} globs allowed
 * @param subtypes also every class that extends or implements it
 * @param methods  method names or globs
 * @param params   parameter type names that pick one overload, or null for any
 */
public record MatchSpec(String type, boolean subtypes, List<String> methods, List<String> params) {
    public MatchSpec {
        methods = List.copyOf(methods);
        params = params == null ? null : List.copyOf(params);
    }

    @Override
    public String toString() {
        return type + (subtypes ? "+" : "") + "#" + String.join("|", methods)
                + (params == null ? "" : "(" + String.join(",", params) + ")");
    }
}
