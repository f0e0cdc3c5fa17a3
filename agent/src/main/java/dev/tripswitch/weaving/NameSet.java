package dev.tripswitch.weaving;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Names and globs (as {@link TypePattern} reads them), asked with one hash look-up for the
 * exact ones and a glob match for each glob. The front asks it for every method name of
 * every class that may fall under a subtype rule, so the usual case (plain method names)
 * must not walk a list of patterns.
 */
final class NameSet {
    private final Set<String> exact = new HashSet<>();
    private final List<TypePattern> globs = new ArrayList<>();

    NameSet(Collection<String> namesOrGlobs) {
        for (String name : namesOrGlobs) {
            TypePattern pattern = new TypePattern(name);
            if (pattern.exact() != null) {
                exact.add(name);
            } else {
                globs.add(pattern);
            }
        }
    }

    boolean contains(String name) {
        if (exact.contains(name)) {
            return true;
        }
        for (TypePattern glob : globs) {
            if (glob.matches(name)) {
                return true;
            }
        }
        return false;
    }
}
