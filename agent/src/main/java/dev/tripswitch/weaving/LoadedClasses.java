package dev.tripswitch.weaving;

import java.lang.instrument.Instrumentation;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.tripswitch.rules.MatchSpec;

/**
 * Picks, among the classes loaded before the agent, the ones a rule may match, using
 * the loaded {@link Class} objects (names and supertypes are at hand, nothing is parsed).
 * Byte Buddy then retransforms only these instead of describing every loaded class,
 * which took most of a second at start-up.
 */
final class LoadedClasses {
    private LoadedClasses() {
    }

    static Set<Class<?>> candidates(Instrumentation inst, List<MatchSpec> specs) {
        List<Pattern> exact = specs.stream().filter(s -> !s.subtypes()).map(s -> pattern(s.type())).toList();
        List<Pattern> supertypes = specs.stream().filter(MatchSpec::subtypes).map(s -> pattern(s.type())).toList();
        Set<Class<?>> out = new LinkedHashSet<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (c.isArray() || c.isPrimitive() || !inst.isModifiableClass(c)) {
                continue;
            }
            if (any(exact, c.getName()) || (!supertypes.isEmpty() && anySupertype(c, supertypes))) {
                out.add(c);
            }
        }
        return out;
    }

    private static boolean anySupertype(Class<?> type, List<Pattern> patterns) {
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

    private static boolean any(List<Pattern> patterns, String name) {
        for (Pattern p : patterns) {
            if (p.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern pattern(String nameOrGlob) {
        return Pattern.compile(Matchers.globToRegex(nameOrGlob));
    }
}
