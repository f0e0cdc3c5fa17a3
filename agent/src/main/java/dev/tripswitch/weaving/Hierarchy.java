package dev.tripswitch.weaving;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.tripswitch.rules.OffLimits;

/**
 * Which {@code subtypes: true} rules a class falls under, from its name and the names in
 * its class file's header, without loading or describing anything. A class's answer is its
 * own name's, or-ed with its super class's and interfaces'. Those supertypes have often not
 * been loaded yet when the class is (the JVM resolves them after the class's bytes went
 * through the transformers), so an unknown supertype is read from its loader's resources,
 * header only, and its answer remembered: per class loader (weakly, so a discarded loader
 * takes its answers with it), and once for the whole JVM for the JDK's types. Only
 * supertypes are remembered, never every class that loads. A supertype loaded already is
 * walked from its {@code Class} object instead of being read: found through its loader
 * ({@link LoadedTypes}), or, for the JDK classes loaded before the rules came in force, by
 * name ({@link #learnLoaded}). A JDK type is read only when the JVM cannot give its
 * {@code Class}: the finder loads one the agent never weaves if need be, and finds a JDK
 * client (a rule may weave it) only if loaded, since loading it here would hide it from the
 * agent ({@link LoadedTypes#jdk}).
 *
 * <p>A JDK type's supertypes are JDK types too, so when no pattern can match a JDK name (the
 * rules name only libraries' and the application's types), no JDK supertype is read or
 * walked at all: its answer is no pattern.
 *
 * <p>Answers are bit sets: bit {@code i} is subtype pattern {@code i}.
 */
final class Hierarchy {
    /** Patterns beyond this many get no bit; {@link Weaver} refuses more subtype blocks than this. */
    static final int MAX_PATTERNS = dev.tripswitch.rules.MatchSpec.MAX_SUBTYPE_TYPES;
    private static final int MAX_DEPTH = 64;

    private final List<TypePattern> patterns;
    /** Whether any pattern can match a JDK name; if not, the JDK's part of a hierarchy is never looked at. */
    private final boolean reachesJdk;
    private final Map<String, Long> jdk = new ConcurrentHashMap<>();
    private final Map<Object, Map<String, Long>> byLoader = Collections.synchronizedMap(new WeakHashMap<>());
    /** The JDK classes loaded before the rules came in force, by name: walked when first asked, not read. */
    private volatile Map<String, Class<?>> loadedJdk = Map.of();

    /** How a supertype's header is read when it is not known: from its loader's resources. */
    @FunctionalInterface
    interface HeaderSource {
        /** The header of class {@code name} as {@code loader} (null: the JDK) would load it; null when not found. */
        ClassHeader read(ClassLoader loader, String name);
    }

    private final HeaderSource source;
    private final LoadedTypes.Finder loadedTypes;

    /** Headers from the loaders' resources; a class, not a method reference: no call site to link while the JVM starts. */
    static final HeaderSource RESOURCES = new HeaderSource() {
        @Override
        public ClassHeader read(ClassLoader loader, String name) {
            return Hierarchy.read(loader, name);
        }
    };

    Hierarchy(List<TypePattern> patterns) {
        this(patterns, RESOURCES, LoadedTypes.JVM);
    }

    /**
     * @param source      reads the header of a supertype nobody loaded yet
     * @param loadedTypes finds a supertype already loaded, walked instead of read
     */
    Hierarchy(List<TypePattern> patterns, HeaderSource source, LoadedTypes.Finder loadedTypes) {
        this.patterns = List.copyOf(patterns.subList(0, Math.min(patterns.size(), MAX_PATTERNS)));
        this.source = source;
        this.loadedTypes = loadedTypes;
        boolean jdk = false;
        for (TypePattern p : this.patterns) {
            jdk |= p.mayMatchUnder(OffLimits.jdkPrefixes());
        }
        this.reachesJdk = jdk;
    }

    boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** The patterns a class being defined falls under, from its header. */
    long of(ClassLoader loader, ClassHeader header) {
        return own(header.name()) | supertypes(loader, header, 0);
    }

    /** The patterns a type named in a class file falls under (loaded or not), read if need be and remembered. */
    long ofName(ClassLoader loader, String name) {
        return known(loader, name, 0);
    }

    /** The same for a class already loaded (retransformation), from its {@link Class} object: nothing is read. */
    long of(Class<?> type) {
        return loaded(type, 0);
    }

    /**
     * Notes the JDK classes loaded so far, so that the JDK supertypes application classes name
     * (Closeable, Runnable, Executor, ...) are answered from their {@link Class} objects instead
     * of being read: a read costs a fraction of a millisecond, a {@code Class} walk nothing. Only
     * the names are noted here; a class is walked the first time a subtype asks for it, so the
     * start does not pay for walking a thousand classes no rule will ever ask about.
     */
    void learnLoaded(Class<?>[] classes) {
        if (!reachesJdk) {
            return; // no JDK type is ever asked about
        }
        Map<String, Class<?>> out = new HashMap<>();
        for (Class<?> c : classes) {
            if (c.getClassLoader() == null && !c.isArray() && !c.isPrimitive() && !LoadedTypes.hidden(c)) {
                String name = c.getName();
                if (OffLimits.isJdk(name)) {
                    out.put(name, c);
                }
            }
        }
        loadedJdk = out;
    }

    private long loaded(Class<?> type, int depth) {
        Map<String, Long> memo = memo(type.getClassLoader(), type.getName());
        Long cached = memo.get(type.getName());
        if (cached != null) {
            return cached;
        }
        long bits = own(type.getName());
        if (depth < MAX_DEPTH) {
            if (type.getSuperclass() != null) {
                bits |= loaded(type.getSuperclass(), depth + 1);
            }
            for (Class<?> i : type.getInterfaces()) {
                bits |= loaded(i, depth + 1);
            }
        }
        memo.put(type.getName(), bits);
        return bits;
    }

    /** Remembers a class that matched, so that its subtypes find it without reading it again. */
    void remember(ClassLoader loader, String name, long bits) {
        memo(loader, name).put(name, bits);
    }

    private long supertypes(ClassLoader loader, ClassHeader header, int depth) {
        long bits = 0;
        if (header.superName() != null) {
            bits |= known(loader, header.superName(), depth + 1);
        }
        for (String i : header.interfaces()) {
            bits |= known(loader, i, depth + 1);
        }
        return bits;
    }

    private long own(String name) {
        long bits = 0;
        for (int i = 0; i < patterns.size(); i++) {
            if (patterns.get(i).matches(name)) {
                bits |= 1L << i;
            }
        }
        return bits;
    }

    private long known(ClassLoader loader, String name, int depth) {
        Map<String, Long> memo = memo(loader, name);
        Long cached = memo.get(name);
        if (cached != null) {
            return cached;
        }
        boolean jdkType = OffLimits.isJdk(name);
        if (jdkType && !reachesJdk) {
            return 0; // neither it nor any of its supertypes (all the JDK's) can match
        }
        Class<?> loadedClass = jdkType ? loadedJdk.get(name) : null;
        if (loadedClass == null && loader != null) {
            loadedClass = loadedTypes.find(loader, name); // the class this loader resolves the name to
        }
        if (loadedClass == null && jdkType) {
            loadedClass = loadedTypes.find(null, name); // the JDK's, loaded if the agent never weaves it
        }
        if (loadedClass != null) {
            long bits = loaded(loadedClass, depth);
            memo.put(name, bits); // for this loader too: it may have found the class through its parent
            return bits;
        }
        long bits = own(name);
        if (depth < MAX_DEPTH && !name.equals("java.lang.Object")) {
            ClassLoader from = jdkType ? null : loader;
            ClassHeader header = source.read(from, name);
            if (header != null) {
                bits |= supertypes(from, header, depth);
            }
        }
        memo.put(name, bits);
        return bits;
    }

    private Map<String, Long> memo(ClassLoader loader, String name) {
        if (loader == null || OffLimits.isJdk(name)) {
            return jdk;
        }
        return byLoader.computeIfAbsent(loader, NEW_MEMO);
    }

    /** A class loader's memo; a class, not a lambda: no call site to link while the application loads its classes. */
    private static final Function<Object, Map<String, Long>> NEW_MEMO = new Function<>() {
        @Override
        public Map<String, Long> apply(Object loader) {
            return new ConcurrentHashMap<>();
        }
    };

    /** A supertype's header, read from the resources of the loader that would load it; null when not found. */
    private static ClassHeader read(ClassLoader loader, String name) {
        String path = name.replace('.', '/') + ".class";
        ClassLoader from = loader != null ? loader : ClassLoader.getPlatformClassLoader();
        try (InputStream in = from.getResourceAsStream(path)) {
            return in == null ? null : ClassHeader.read(in.readAllBytes());
        } catch (IOException | RuntimeException e) {
            return null; // unreadable: its subtypes match by their own names only
        }
    }
}
