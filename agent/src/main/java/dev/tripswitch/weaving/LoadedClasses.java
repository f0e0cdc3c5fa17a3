package dev.tripswitch.weaving;

import java.lang.instrument.Instrumentation;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.tripswitch.rules.MatchSpec;
import dev.tripswitch.rules.OffLimits;

/**
 * Picks, among the classes loaded before the agent, the ones a rule may match, using
 * the loaded {@link Class} objects (names and supertypes are at hand, nothing is parsed).
 * Only these are retransformed (the {@link Front} then decides for each as for a class
 * being loaded), instead of every loaded class.
 */
final class LoadedClasses {
    private LoadedClasses() {
    }

    static Set<Class<?>> candidates(Instrumentation inst, List<MatchSpec> specs) {
        List<TypePattern> exact = new java.util.ArrayList<>();
        List<TypePattern> supertypes = new java.util.ArrayList<>();
        for (MatchSpec s : specs) {
            (s.subtypes() ? supertypes : exact).add(new TypePattern(s.type()));
        }
        Set<Class<?>> out = new LinkedHashSet<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (c.isArray() || c.isPrimitive() || c.isHidden() || OffLimits.never(c.getName())
                    || !inst.isModifiableClass(c)) {
                continue;
            }
            if (any(exact, c.getName()) || (!supertypes.isEmpty() && anySupertype(c, supertypes))) {
                out.add(c);
            }
        }
        return out;
    }

    private static boolean anySupertype(Class<?> type, List<TypePattern> patterns) {
        Deque<Class<?>> queue = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        queue.add(type);
        while (!queue.isEmpty()) {
            Class<?> c = queue.poll();
            if (!seen.add(c)) {
                continue;
            }
            if (any(patterns, c.getName())) {
                return true;
            }
            if (c.getSuperclass() != null) {
                queue.add(c.getSuperclass());
            }
            queue.addAll(List.of(c.getInterfaces()));
        }
        return false;
    }

    private static boolean any(List<TypePattern> patterns, String name) {
        for (TypePattern p : patterns) {
            if (p.matches(name)) {
                return true;
            }
        }
        return false;
    }
}
