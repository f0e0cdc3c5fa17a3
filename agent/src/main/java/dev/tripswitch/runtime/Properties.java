package dev.tripswitch.runtime;

import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads {@code a} of an object as docs/rules.md defines it: a public no-argument method
 * {@code a()}, {@code getA()} or {@code isA()}, or a public field {@code a}. The lookup
 * finds a declaration the agent may call (an implementation class of the JDK, such as
 * {@code jdk.internal.net.http.HttpResponseImpl}, is reached through its public
 * interface) and is cached per class and name.
 */
final class Properties {
    private static final Object[] NO_ARGS = {};
    private static final Accessor MISSING = target -> {
        throw new IllegalStateException("no such property");
    };
    private static final ClassValue<Map<String, Accessor>> CACHE = new ClassValue<>() {
        @Override
        protected Map<String, Accessor> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    /** Reads one property of a target. */
    @FunctionalInterface
    interface Accessor {
        Object get(Object target) throws Exception;
    }

    /** Thrown when a class has no readable property of a name. */
    static final class NoSuchProperty extends Exception {
        private static final long serialVersionUID = 1L;

        NoSuchProperty(Class<?> type, String name) {
            super(type.getName() + " has no public " + name + "(), get" + capitalize(name) + "(), is"
                    + capitalize(name) + "() or field " + name, null, false, false);
        }
    }

    private Properties() {
    }

    static Object get(Object target, String name) throws Exception {
        Accessor accessor = accessor(target.getClass(), name);
        if (accessor == MISSING) {
            throw new NoSuchProperty(target.getClass(), name);
        }
        return accessor.get(target);
    }

    /** True when {@code type} has a readable property {@code name}. */
    static boolean has(Class<?> type, String name) {
        return accessor(type, name) != MISSING;
    }

    private static Accessor accessor(Class<?> type, String name) {
        Map<String, Accessor> cache = CACHE.get(type);
        Accessor a = cache.get(name);
        if (a == null) {
            a = find(type, name);
            cache.put(name, a);
        }
        return a;
    }

    private static Accessor find(Class<?> type, String name) {
        String cap = capitalize(name);
        for (String candidate : new String[] {name, "get" + cap, "is" + cap}) {
            Method m = callableMethod(type, candidate);
            if (m != null) {
                return target -> m.invoke(target, NO_ARGS);
            }
        }
        try {
            Field f = type.getField(name);
            if (callable(f)) {
                return f::get;
            }
        } catch (NoSuchFieldException e) {
            // no field either
        }
        return MISSING;
    }

    /** A public no-argument method named {@code name} declared in a type the agent may call into. */
    private static Method callableMethod(Class<?> type, String name) {
        Deque<Class<?>> queue = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        queue.add(type);
        while (!queue.isEmpty()) {
            Class<?> c = queue.poll();
            if (!seen.add(c)) {
                continue;
            }
            try {
                Method m = c.getMethod(name);
                if (m.getReturnType() != void.class && !Modifier.isStatic(m.getModifiers()) && callable(m)) {
                    return m;
                }
            } catch (NoSuchMethodException e) {
                continue; // supertypes cannot have it either
            }
            if (c.getSuperclass() != null) {
                queue.add(c.getSuperclass());
            }
            queue.addAll(java.util.List.of(c.getInterfaces()));
        }
        Method m = anyPublic(type, name);
        if (m != null) {
            try {
                m.setAccessible(true); // an application class that is not public: its loader's module is open
                return m;
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    private static Method anyPublic(Class<?> type, String name) {
        try {
            Method m = type.getMethod(name);
            return m.getReturnType() == void.class || Modifier.isStatic(m.getModifiers()) ? null : m;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static boolean callable(Member member) {
        Class<?> declaring = member.getDeclaringClass();
        return Modifier.isPublic(member.getModifiers()) && Modifier.isPublic(declaring.getModifiers())
                && declaring.getModule().isExported(declaring.getPackageName());
    }

    static String capitalize(String name) {
        return name.isEmpty() ? name : name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }
}
