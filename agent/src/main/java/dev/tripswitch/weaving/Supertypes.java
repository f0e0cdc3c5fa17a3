package dev.tripswitch.weaving;

import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import dev.tripswitch.rules.MatchSpec;
import dev.tripswitch.rules.OffLimits;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.utility.JavaModule;

/**
 * Every supertype name of a class, computed once per class loader and type and shared
 * by all {@code subtypes: true} rules. Byte Buddy's {@code hasSuperType} walks the whole
 * hierarchy (with generics) again for every rule and every class that loads, which was
 * most of the agent's start-up cost; here each supertype's set is remembered, so a class
 * costs one parse of itself and a few map reads.
 */
final class Supertypes {
    private static final Object BOOTSTRAP = new Object();
    private final Map<Object, Map<String, Set<String>>> byLoader = Collections.synchronizedMap(new WeakHashMap<>());

    /** The names of {@code type}, its superclasses and all its interfaces, as seen from {@code loader}. */
    Set<String> of(TypeDefinition type, ClassLoader loader) {
        Map<String, Set<String>> known = byLoader.computeIfAbsent(loader == null ? BOOTSTRAP : loader,
                l -> new ConcurrentHashMap<>());
        return of(type.asErasure(), known);
    }

    private Set<String> of(TypeDescription type, Map<String, Set<String>> known) {
        String name = type.getName();
        Set<String> cached = known.get(name);
        if (cached != null) {
            return cached;
        }
        Set<String> all = new HashSet<>();
        all.add(name);
        TypeDescription.Generic superClass = type.getSuperClass();
        if (superClass != null) {
            all.addAll(of(superClass.asErasure(), known));
        }
        for (TypeDescription iface : type.getInterfaces().asErasures()) {
            all.addAll(of(iface, known));
        }
        Set<String> result = Set.copyOf(all);
        known.put(name, result);
        return result;
    }

    /**
     * Matches the classes one of whose supertypes (or itself) has a name matching the spec's
     * type; JDK classes only when the spec names a JDK client ({@link OffLimits#mayWeaveJdk}).
     */
    AgentBuilder.RawMatcher subtypesOf(MatchSpec spec) {
        String nameOrGlob = spec.type();
        Pattern pattern = Pattern.compile(Matchers.globToRegex(nameOrGlob));
        boolean exact = nameOrGlob.indexOf('*') < 0;
        boolean jdk = OffLimits.mayWeaveJdk(spec);
        return new AgentBuilder.RawMatcher() {
            @Override
            public boolean matches(TypeDescription type, ClassLoader loader, JavaModule module, Class<?> redefined,
                                   ProtectionDomain domain) {
                if ((!jdk && OffLimits.isJdk(type.getName())) || type.isAnnotation()) {
                    return false;
                }
                try {
                    Set<String> names = of(type, loader);
                    if (exact) {
                        return names.contains(nameOrGlob);
                    }
                    for (String n : names) {
                        if (pattern.matcher(n).matches()) {
                            return true;
                        }
                    }
                    return false;
                } catch (RuntimeException e) {
                    return false; // a supertype that cannot be resolved (missing optional dependency): no match
                }
            }

            @Override
            public String toString() {
                return "subtypesOf(" + nameOrGlob + ")";
            }
        };
    }
}
