package dev.tripswitch.weaving;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the weaver did, per rule: the methods it wove and the types it failed on. This is
 * the answer to "it said OK and did nothing": {@code Instrumented} and
 * {@code UnmatchedRules} in JMX, and the agent's start-up log, read it.
 *
 * <p>Written while the application loads its classes (the first woven class records here),
 * so it keeps to hash sets and maps, which the JVM has initialized long before, and sorts
 * when read: a skip list's first use, and a lambda's first link, were 3 to 4 ms of the
 * application's main thread on a 2-core machine.
 */
public final class WeaveReport {
    private volatile List<String> ruleNames;
    private final Map<String, Set<String>> targets = new ConcurrentHashMap<>();
    private final Map<String, String> errors = new ConcurrentHashMap<>();
    /** Per rule: matched methods left unwoven (they return a promise the agent cannot follow), and what they return. */
    private final Map<String, Map<String, String>> unjudged = new ConcurrentHashMap<>();
    /** Per rule: woven methods its timeout cannot apply to (they return no future), and what they return. */
    private final Map<String, Map<String, String>> untimed = new ConcurrentHashMap<>();

    public WeaveReport(List<String> ruleNames) {
        this.ruleNames = List.copyOf(ruleNames);
        for (String name : ruleNames) {
            targets.put(name, ConcurrentHashMap.newKeySet());
        }
    }

    /**
     * The rules in force after a reload: the rules named in {@code forget} (removed, or
     * changed and woven again) lose what was recorded for them; the retransformation that
     * follows records the new state.
     */
    public void rulesChanged(List<String> names, java.util.Collection<String> forget) {
        for (String rule : forget) {
            targets.remove(rule);
            unjudged.remove(rule);
            untimed.remove(rule);
        }
        for (String name : names) {
            methodsOf(name);
        }
        ruleNames = List.copyOf(names);
    }

    /** Records that {@code method} (as {@link Matchers#describe} writes it) is woven for {@code rule}. */
    void woven(String rule, String method) {
        methodsOf(rule).add(method);
    }

    /** The set of a rule's woven methods, made on first use; not computeIfAbsent's lambda (see above). */
    private Set<String> methodsOf(String rule) {
        Set<String> methods = targets.get(rule);
        return methods != null ? methods : putFirst(targets, rule, ConcurrentHashMap.newKeySet());
    }

    /** Puts {@code value} unless another thread put one first; returns the one in the map. */
    private static <V> V putFirst(Map<String, V> map, String key, V value) {
        V before = map.putIfAbsent(key, value);
        return before != null ? before : value;
    }

    /**
     * Records a type that could not be woven (or not even matched: Byte Buddy reports
     * unresolvable types too). Returns true when a rule had matched it.
     */
    boolean failed(String typeName, Throwable error) {
        boolean matched = false;
        for (Set<String> methods : targets.values()) {
            matched |= methods.removeIf(m -> m.startsWith(typeName + "#"));
        }
        if (matched) {
            errors.put(typeName, String.valueOf(error));
        }
        return matched;
    }

    /**
     * Records a matched method left unwoven because it returns a promise the agent cannot
     * follow; true the first time it is told.
     */
    boolean cannotJudge(String rule, String method, String returnType) {
        return firstTime(unjudged, rule, method, returnType);
    }

    /** Records a woven method whose rule's timeout cannot apply (it returns no future); true the first time. */
    boolean timeoutIgnored(String rule, String method, String returnType) {
        return firstTime(untimed, rule, method, returnType);
    }

    /** Records {@code method -> returnType} under {@code rule}; true when it was not there yet. */
    private static boolean firstTime(Map<String, Map<String, String>> byRule, String rule, String method,
                                     String returnType) {
        Map<String, String> methods = byRule.get(rule);
        if (methods == null) {
            methods = putFirst(byRule, rule, new ConcurrentHashMap<>());
        }
        return methods.putIfAbsent(method, returnType) == null;
    }

    /** The methods of one rule its timeout cannot apply to, each with its return type. */
    public Map<String, String> untimed(String rule) {
        return Map.copyOf(untimed.getOrDefault(rule, Map.of()));
    }

    /** The matched methods of one rule left unwoven, each with the promise type it returns. */
    public Map<String, String> unjudged(String rule) {
        return Map.copyOf(unjudged.getOrDefault(rule, Map.of()));
    }

    /** Every matched method left unwoven, as {@code com.acme.C#m() -> rule: cannot judge, returns java.util.concurrent.Future}. */
    public List<String> unjudged() {
        Set<String> lines = new TreeSet<>();
        unjudged.forEach((rule, methods) -> methods.forEach((method, type) ->
                lines.add(method + " -> " + rule + ": cannot judge, " + type)));
        return List.copyOf(lines);
    }

    /** The methods woven for one rule, sorted. */
    public List<String> targets(String rule) {
        return List.copyOf(new TreeSet<>(wovenFor(rule)));
    }

    /** Every woven method, as {@code com.acme.PaymentsClient#charge(java.lang.String) -> payments}. */
    public List<String> instrumented() {
        Set<String> lines = new TreeSet<>();
        for (String rule : ruleNames) {
            for (String method : wovenFor(rule)) {
                lines.add(method + " -> " + rule);
            }
        }
        return List.copyOf(lines);
    }

    /** Rules that matched no method (yet: classes load lazily, so this can shrink over time). */
    public List<String> unmatched() {
        List<String> out = new ArrayList<>();
        for (String rule : ruleNames) {
            if (wovenFor(rule).isEmpty()) {
                out.add(rule);
            }
        }
        return out;
    }

    /** A rule's woven methods as recorded, unsorted: the views sort once, where they build their answer. */
    private Set<String> wovenFor(String rule) {
        Set<String> set = targets.get(rule);
        return set == null ? Set.of() : set;
    }

    /** Types that matched but failed to weave, with the reason. */
    public Map<String, String> errors() {
        return Map.copyOf(errors);
    }
}
