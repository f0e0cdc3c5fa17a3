package dev.tripswitch.weaving;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * What the weaver did, per rule: the methods it wove and the types it failed on. This is
 * the answer to "it said OK and did nothing": {@code Instrumented} and
 * {@code UnmatchedRules} in JMX, and the agent's start-up log, read it.
 */
public final class WeaveReport {
    private final List<String> ruleNames;
    private final Map<String, Set<String>> targets = new ConcurrentHashMap<>();
    private final Map<String, String> errors = new ConcurrentHashMap<>();
    private final Set<String> unjudged = new ConcurrentSkipListSet<>();
    private final Set<String> untimed = new ConcurrentSkipListSet<>();

    public WeaveReport(List<String> ruleNames) {
        this.ruleNames = List.copyOf(ruleNames);
        for (String name : ruleNames) {
            targets.put(name, new ConcurrentSkipListSet<>());
        }
    }

    /** Records that {@code method} (as {@link Matchers#describe} writes it) is woven for {@code rule}. */
    void woven(String rule, String method) {
        targets.computeIfAbsent(rule, r -> new ConcurrentSkipListSet<>()).add(method);
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
        return unjudged.add(method + " -> " + rule + ": cannot judge, returns " + returnType);
    }

    /** Records a woven method whose rule's timeout cannot apply (it returns no future); true the first time. */
    boolean timeoutIgnored(String rule, String method, String returnType) {
        return untimed.add(method + " -> " + rule + ": timeout ignored, returns " + returnType);
    }

    /** Woven methods whose rule's timeout cannot apply, as {@code com.acme.C#m() -> rule: timeout ignored, returns int}. */
    public List<String> untimed() {
        return List.copyOf(untimed);
    }

    /** Matched methods left unwoven, as {@code com.acme.C#m() -> rule: cannot judge, returns reactor.core.publisher.Mono}. */
    public List<String> unjudged() {
        return List.copyOf(unjudged);
    }

    /** The methods woven for one rule. */
    public List<String> targets(String rule) {
        Set<String> set = targets.get(rule);
        return set == null ? List.of() : List.copyOf(set);
    }

    /** Every woven method, as {@code com.acme.PaymentsClient#charge(java.lang.String) -> payments}. */
    public List<String> instrumented() {
        Map<String, String> lines = new TreeMap<>();
        for (String rule : ruleNames) {
            for (String method : targets(rule)) {
                lines.put(method + " -> " + rule, "");
            }
        }
        return new ArrayList<>(lines.keySet());
    }

    /** Rules that matched no method (yet: classes load lazily, so this can shrink over time). */
    public List<String> unmatched() {
        List<String> out = new ArrayList<>();
        for (String rule : ruleNames) {
            if (targets(rule).isEmpty()) {
                out.add(rule);
            }
        }
        return out;
    }

    /** Types that matched but failed to weave, with the reason. */
    public Map<String, String> errors() {
        return Map.copyOf(errors);
    }
}
