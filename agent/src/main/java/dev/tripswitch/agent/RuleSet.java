package dev.tripswitch.agent;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tripswitch.bridge.Binding;
import dev.tripswitch.bridge.Dispatcher;
import dev.tripswitch.engine.Clock;
import dev.tripswitch.instrumentation.ClientInstrumentation;
import dev.tripswitch.instrumentation.Presets;
import dev.tripswitch.log.AgentLog;
import dev.tripswitch.rules.BreakerRule;
import dev.tripswitch.runtime.BreakerRegistry;
import dev.tripswitch.runtime.RuleBinding;
import dev.tripswitch.weaving.WeaveReport;
import dev.tripswitch.weaving.Weaver;
import dev.tripswitch.weaving.Weaving;

/**
 * The rules woven in this JVM: each rule's id (the number its woven code calls the bridge
 * with), its binding and its weaving target. The one place that adds and removes rules, at
 * start and on reload. An id is never reused: code woven for a removed rule that a thread
 * is still running finds no binding and runs unguarded, and can never reach another rule.
 */
final class RuleSet {
    private final BreakerRegistry registry;
    private final AgentLog log;
    private final Clock clock;
    private final WeaveReport report;
    private final Weaving weaving;
    /** Index = rule id; null for a rule that was removed. */
    private final List<Binding> bindings = new ArrayList<>();
    /** The rules in force, by name, in file order, with their targets. */
    private final Map<String, Weaver.Target> inForce = new LinkedHashMap<>();

    RuleSet(Instrumentation inst, BreakerRegistry registry, AgentLog log, Clock clock, WeaveReport report,
            Weaver.ErrorHandler onError) {
        this.registry = registry;
        this.log = log;
        this.clock = clock;
        this.report = report;
        this.weaving = Weaver.install(inst, List.of(), report, onError);
    }

    /** The names of the rules in force that {@code next} does not have: what putting it in force takes out. */
    synchronized List<String> notIn(List<BreakerRule> next) {
        java.util.Set<String> kept = new java.util.HashSet<>();
        for (BreakerRule rule : next) {
            kept.add(rule.name());
        }
        List<String> out = new ArrayList<>();
        for (String name : inForce.keySet()) {
            if (!kept.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    /**
     * Puts {@code next} in force (the one place rules are registered with their breakers and
     * unregistered): the rules named in {@code replaced} (removed, or changed in
     * what is woven) stop acting and lose their breakers, the rules of {@code next} that are
     * not in force yet get breakers and an id, and the loaded classes are woven again for the
     * result. Rules in force and not replaced keep their id, breakers and state.
     *
     * @param next     every rule of the file, in its order
     * @param replaced names of rules in force to take out first
     * @return how many loaded classes were retransformed
     */
    synchronized int apply(List<BreakerRule> next, Collection<String> replaced) {
        List<String> forgotten = new ArrayList<>(replaced);
        for (String name : replaced) {
            Weaver.Target gone = inForce.remove(name);
            if (gone != null) {
                bindings.set(gone.ruleId(), null);
                registry.unregister(name);
            }
        }
        Map<String, Weaver.Target> ordered = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (BreakerRule rule : next) {
            Weaver.Target t = inForce.get(rule.name());
            if (t == null) {
                bindings.add(new RuleBinding(rule, registry.register(rule), log, clock));
                t = new Weaver.Target(bindings.size() - 1, rule, RuleBinding.needsArguments(rule),
                        RuleBinding.needsResult(rule));
            }
            ordered.put(rule.name(), t);
            names.add(rule.name());
        }
        for (String name : inForce.keySet()) {
            if (!ordered.containsKey(name)) { // in force, not in the file, not named as replaced: taken out too
                bindings.set(inForce.get(name).ruleId(), null);
                registry.unregister(name);
                forgotten.add(name);
            }
        }
        inForce.clear();
        inForce.putAll(ordered);
        coverNestedPresets();
        Dispatcher.install(bindings.toArray(new Binding[0]));
        report.rulesChanged(names, forgotten);
        return weaving.apply(new ArrayList<>(inForce.values()));
    }

    /**
     * Tells each rule in force which other rules' calls contain its calls: a rule of a preset
     * that {@code covers} another preset (Spring's {@code ClientHttpRequest} covers the clients
     * its request factories drive) covers every rule of that preset, so a request is one call.
     */
    private void coverNestedPresets() {
        java.util.Set<Integer> covering = new java.util.HashSet<>();
        for (Weaver.Target inner : inForce.values()) {
            String preset = inner.rule().preset();
            List<Integer> outer = new ArrayList<>();
            for (Weaver.Target t : inForce.values()) {
                ClientInstrumentation p = t.rule().preset() == null ? null : Presets.get(t.rule().preset());
                if (p != null && preset != null && p.covers().contains(preset)) {
                    outer.add(t.ruleId());
                    covering.add(t.ruleId());
                }
            }
            int[] ids = new int[outer.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = outer.get(i);
            }
            bindings.get(inner.ruleId()).coveredBy(ids);
        }
        for (Weaver.Target t : inForce.values()) {
            bindings.get(t.ruleId()).covering(t.ruleId(), covering.contains(t.ruleId()));
        }
    }
}
