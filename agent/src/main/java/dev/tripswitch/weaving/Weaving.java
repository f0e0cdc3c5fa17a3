package dev.tripswitch.weaving;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The weaving in force in this JVM: one {@link Front} registered with the
 * {@link Instrumentation} (none until a rule exists: no rules, no transformer), and the
 * one way to change its rules. Putting other rules in force retransforms every loaded class
 * that the old rules or the new ones weave: the JVM hands the transformer each class's
 * original bytes, so a class the new rules no longer match gets its original code back, a
 * class only the new rules match is woven, and the rest are woven again as they were.
 */
public final class Weaving {
    private final Instrumentation inst;
    private final WeaveReport report;
    private final Weaver.ErrorHandler onError;
    private Front front;

    Weaving(Instrumentation inst, WeaveReport report, Weaver.ErrorHandler onError) {
        this.inst = inst;
        this.report = report;
        this.onError = onError;
    }

    /**
     * Puts {@code targets} in force: classes loaded from now on are woven for them, and the
     * loaded classes either the previous rules or these weave are retransformed.
     *
     * @return how many loaded classes were retransformed
     */
    public synchronized int apply(List<Weaver.Target> targets) {
        Set<Class<?>> todo = new LinkedHashSet<>();
        if (front == null) {
            if (targets.isEmpty()) {
                return 0;
            }
            LoadedTypes.open(inst); // subtype rules walk supertypes loaded already instead of reading them
            front = new Front(targets, new ReportingListener(report, onError, inst));
            inst.addTransformer(front, true); // first: a class loaded from now on goes through the front
        } else {
            todo.addAll(front.candidates(inst, inst.getAllLoadedClasses())); // woven for the rules in force
            front.replace(targets);
        }
        // looked at again after the new rules are in force: a class that loaded meanwhile under the
        // old ones is among these
        todo.addAll(front.candidates(inst, inst.getAllLoadedClasses()));
        Weaver.retransform(inst, new ArrayList<>(todo), report, onError);
        return todo.size();
    }
}
