package dev.tripswitch.rules;

import java.util.List;

/**
 * The classes the agent never weaves, whatever a rule says: the JDK outside its network and
 * database clients, the agent itself, and the logging it writes through. Advice woven into
 * {@code ThreadLocal}, {@code ConcurrentHashMap}, class loading or {@code String} would run
 * inside the agent's own bookkeeping and recurse, or break the JVM before {@code main}.
 *
 * <p>One list, read twice: by {@link RulesParser} to refuse a rule that names such a class
 * (so {@code check} and start-up say why), and by the weaver, which skips these classes even
 * when a broad subtype rule ({@code java.lang.Runnable}, {@code subtypes: true}) reaches them.
 */
public final class OffLimits {
    /** Packages never woven (prefixes of class names) ... */
    private static final List<String> NEVER = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
            "dev.tripswitch.", unrelocated("net", "bytebuddy"), unrelocated("org", "slf4j"), "ch.qos.logback.",
            "org.apache.logging.log4j.");
    /** ... except these: the JDK's network and database clients, which the presets guard. */
    private static final List<String> ALLOWED = List.of("java.net.", "javax.net.", "sun.net.", "jdk.internal.net.",
            "java.sql.", "javax.sql.");
    /**
     * {@code a.b.}, built at run time: the agent jar relocates its own copies of these packages,
     * and relocation would rewrite a string constant naming them into the relocated name,
     * leaving the application's copy weavable.
     */
    private static String unrelocated(String... parts) {
        return String.join(".", parts) + ".";
    }

    /** The agent's benchmarks weave themselves on purpose: they are an application of the agent. */
    private static final String BENCHMARKS = "dev.tripswitch.benchmarks.";

    /** The JDK's own packages. */
    private static final List<String> JDK = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    private OffLimits() {
    }

    /** The prefixes of the JDK's class names ({@link #isJdk}). */
    public static List<String> jdkPrefixes() {
        return JDK;
    }

    /** Whether a class of this name belongs to the JDK. */
    public static boolean isJdk(String className) {
        return startsWithAny(className, JDK);
    }

    private static boolean startsWithAny(String name, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a rule may weave JDK classes: only when it names a JDK client itself
     * ({@code java.net.HttpURLConnection}, {@code java.sql.Driver}). A broad subtype rule on a
     * JDK interface ({@code java.lang.Runnable}) weaves the application's classes, never the
     * JDK's own implementations of it.
     */
    public static boolean mayWeaveJdk(MatchSpec spec) {
        String type = spec.type();
        int star = type.indexOf('*');
        return startsWithAny(star < 0 ? type : type.substring(0, star), ALLOWED);
    }

    /** Whether a class of this (binary) name is never woven. */
    public static boolean never(String className) {
        if (className.startsWith(BENCHMARKS)) {
            return false;
        }
        return !startsWithAny(className, ALLOWED) && startsWithAny(className, NEVER);
    }

    /**
     * Why a {@code match.type} must be refused, or null when it is safe. A type (or glob) that
     * can name an off-limits class is refused unless it is matched by {@code subtypes} (then
     * only the application's own subtypes are woven); a glob must start with a package.
     */
    public static String typeRefusal(String type, boolean subtypes) {
        if (type.startsWith("*")) {
            return "type '" + type + "' starts with '*': it would reach the JDK's and the agent's own classes;"
                    + " start it with your package (com.acme.*Client)";
        }
        String reached = subtypes ? null : reaches(type);
        if (reached != null) {
            return "type '" + type + "' reaches " + reached + ", which the agent itself runs on and never weaves;"
                    + " name the class that calls the outside world (java.net.http.HttpClient, com.acme.*Client)";
        }
        return null;
    }

    /** Why a {@code match.methods} entry must be refused, or null. */
    public static String methodRefusal(String method) {
        if (method.equals("<init>") || method.equals("<clinit>")) {
            return "'" + method + "' is a constructor or initializer, which advice cannot skip;"
                    + " guard the method that makes the outside call";
        }
        return null;
    }

    /** The off-limits package an exact name or glob can name, or null. */
    private static String reaches(String typeOrGlob) {
        int star = typeOrGlob.indexOf('*');
        if (star < 0) {
            return never(typeOrGlob) ? packageOf(typeOrGlob) : null;
        }
        String literal = typeOrGlob.substring(0, star);
        if (literal.startsWith(BENCHMARKS)) {
            return null;
        }
        if (startsWithAny(literal, ALLOWED)) {
            return null;
        }
        for (String prefix : NEVER) {
            if (prefix.startsWith(literal) || literal.startsWith(prefix)) {
                return prefix.endsWith(".") ? prefix + "*" : prefix;
            }
        }
        return null;
    }

    private static String packageOf(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
