package dev.tripswitch.weaving;

import java.util.List;
import java.util.regex.Pattern;

import dev.tripswitch.rules.MatchSpec;
import dev.tripswitch.rules.OffLimits;
import net.bytebuddy.description.NamedElement;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * The Byte Buddy matchers a {@code match:} block turns into. Names and globs are tested
 * first; a hierarchy walk ({@code subtypes: true}) only after, through the type pool.
 */
final class Matchers {
    private Matchers() {
    }

    /**
     * Types the agent never weaves: those {@link OffLimits} names (the JDK but its network and
     * database clients, the agent, logging), and generated plumbing.
     */
    static ElementMatcher.Junction<TypeDescription> ignored() {
        return new ElementMatcher.Junction.AbstractBase<TypeDescription>() {
            @Override
            public boolean matches(TypeDescription target) {
                return OffLimits.never(target.getName());
            }

            @Override
            public String toString() {
                return "offLimits()";
            }
        }.or(ElementMatchers.nameContains("$$Lambda")).or(isSynthetic());
    }

    /** An exact name, or a glob where {@code *} stands for any characters. */
    static <T extends NamedElement> ElementMatcher.Junction<T> name(String nameOrGlob) {
        if (nameOrGlob.indexOf('*') < 0) {
            return named(nameOrGlob);
        }
        return ElementMatchers.nameMatches(globToRegex(nameOrGlob));
    }

    static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (regex.length() > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return regex.toString();
    }

    /** The types of a {@code match:} block without {@code subtypes} (those go through {@link Supertypes}). */
    static ElementMatcher.Junction<TypeDescription> type(MatchSpec spec) {
        return Matchers.<TypeDescription>name(spec.type()).and(not(ElementMatchers.isAnnotation()));
    }

    /** The methods of a matched type the rule guards: concrete, named, and of the given overload. */
    static ElementMatcher.Junction<MethodDescription> methods(MatchSpec spec) {
        ElementMatcher.Junction<MethodDescription> byName = none();
        for (String m : spec.methods()) {
            byName = byName.or(name(m));
        }
        ElementMatcher.Junction<MethodDescription> matcher = isMethod()
                .and(not(isAbstract()))
                .and(not(isNative()))
                .and(not(isBridge()))
                .and(not(isSynthetic()))
                .and(byName);
        List<String> params = spec.params();
        if (params != null) {
            matcher = matcher.and(takesArguments(params.size()));
            for (int i = 0; i < params.size(); i++) {
                matcher = matcher.and(ElementMatchers.takesArgument(i, typeNamed(params.get(i))));
            }
        }
        return matcher;
    }

    /** Methods whose outcome arrives later, through a future. */
    static ElementMatcher.Junction<MethodDescription> returnsFuture() {
        return returns(ElementMatchers.<TypeDescription>hasSuperType(named("java.util.concurrent.CompletionStage")));
    }

    /** A type as users write it: {@code java.lang.String}, {@code long}, {@code byte[]}, {@code Outer$Inner}. */
    private static ElementMatcher.Junction<TypeDescription> typeNamed(String name) {
        return new ElementMatcher.Junction.AbstractBase<>() {
            @Override
            public boolean matches(TypeDescription target) {
                return target.getActualName().equals(name) || target.getName().equals(name)
                        || target.getActualName().equals(name.replace('$', '.'));
            }

            @Override
            public String toString() {
                return "typeNamed(" + name + ")";
            }
        };
    }

    /** How a method appears in {@code Instrumented} and {@code Targets}: {@code com.acme.C#m(java.lang.String)}. */
    static String describe(TypeDefinition type, MethodDescription method) {
        StringBuilder out = new StringBuilder(type.getActualName()).append('#').append(method.getName()).append('(');
        for (int i = 0; i < method.getParameters().size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(method.getParameters().get(i).getType().asErasure().getActualName());
        }
        return out.append(')').toString();
    }
}
