package dev.tripswitch.rules;

import java.util.List;

/**
 * Which methods a breaker guards ({@code match:}), and in what role.
 *
 * @param type     a class or interface name; {@code *} globs allowed
 * @param subtypes also every class that extends or implements it
 * @param methods  method names or globs
 * @param params   parameter type names that pick one overload, or null for any
 * @param role     what the woven code does there: every rule a user writes guards its
 *                 methods; a preset's callback styles also mark where a call starts and
 *                 where its outcome arrives
 */
public final class MatchSpec {
    private final String type;
    private final boolean subtypes;
    private final List<String> methods;
    private final List<String> params;
    private final Role role;

    public String type() {
        return type;
    }

    public boolean subtypes() {
        return subtypes;
    }

    public List<String> methods() {
        return methods;
    }

    public List<String> params() {
        return params;
    }

    public Role role() {
        return role;
    }

    /** What woven code does in a matched method. */
    public enum Role {
        /** The call runs in the method: acquire before, record when it returns or throws. */
        GUARD,
        /**
         * The call starts in the method and ends elsewhere (OkHttp's {@code enqueue}, an async
         * client's {@code execute}): acquire before, record when its completion arrives.
         */
        START,
        /**
         * The outcome of a started call arrives here (a callback's {@code onResponse}, a future's
         * {@code completed}): judged from the arguments once the method has run or thrown.
         */
        COMPLETE
    }

    /**
     * The most distinct types a rules file may match with {@code subtypes: true}, presets
     * included: the weaver answers "which of them is this class under" with one 64-bit set.
     */
    public static final int MAX_SUBTYPE_TYPES = 64;

    public MatchSpec(String type, boolean subtypes, List<String> methods, List<String> params, Role role) {
        methods = List.copyOf(methods);
        params = params == null ? null : List.copyOf(params);
        role = role == null ? Role.GUARD : role;
        this.type = type;
        this.subtypes = subtypes;
        this.methods = methods;
        this.params = params;
        this.role = role;
    }

    /** A guarded method, as every {@code match:} a user writes. */
    public MatchSpec(String type, boolean subtypes, List<String> methods, List<String> params) {
        this(type, subtypes, methods, params, Role.GUARD);
    }

    /*
     * equals and hashCode written out: a record's generated ones are linked through
     * invokedynamic on first use, and the presets put match blocks in a set while the
     * application starts (that first link cost about 30 ms).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof MatchSpec && subtypes == ((MatchSpec) o).subtypes && type.equals(((MatchSpec) o).type) && methods.equals(((MatchSpec) o).methods)
                && java.util.Objects.equals(params, ((MatchSpec) o).params) && role == ((MatchSpec) o).role;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(type, subtypes, methods, params, role);
    }

    @Override
    public String toString() {
        return type + (subtypes ? "+" : "") + "#" + String.join("|", methods)
                + (params == null ? "" : "(" + String.join(",", params) + ")")
                + (role == Role.GUARD ? "" : " [" + role.name().toLowerCase(java.util.Locale.ROOT) + "]");
    }

}
