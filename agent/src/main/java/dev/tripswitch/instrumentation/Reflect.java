package dev.tripswitch.instrumentation;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's one way into classes it does not own: client libraries it does not bundle,
 * the JDK's implementation classes, the application's own. Three things are done here:
 * reading a property as docs/rules.md defines it ({@code key: arg0.uri.host},
 * {@code failOn: {result: ...}}), finding a method the agent may invoke without
 * {@code setAccessible}, and calling a library's public API or reading the fields it keeps
 * without a getter. Only what is learnt once per class, the asynchronous styles'
 * completions and rejections come here, never a call's closed path.
 */
public final class Reflect {
    private static final Object[] NO_ARGS = {};
    private static final Accessor MISSING = target -> {
        throw new IllegalStateException("no such property");
    };
    private static final ClassValue<Map<String, Accessor>> PROPERTIES = new ClassValue<>() {
        @Override
        protected Map<String, Accessor> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private Reflect() {
    }

    // ------------------------------------------------------------------ properties (docs/rules.md)

    /** Reads one property of a target. */
    @FunctionalInterface
    private interface Accessor {
        Object get(Object target) throws Exception;
    }

    /** Thrown when a class has no readable property of a name. */
    public static final class NoSuchProperty extends Exception {
        private static final long serialVersionUID = 1L;

        NoSuchProperty(Class<?> type, String name) {
            super(type.getName() + " has no public " + name + "(), get" + capitalize(name) + "(), is"
                    + capitalize(name) + "() or field " + name, null, false, false);
        }
    }

    /**
     * Property {@code name} of {@code target}: a public no-argument method {@code name()},
     * {@code getName()} or {@code isName()}, or a public field {@code name}, found once per
     * class through a declaration the agent may call (an implementation class of the JDK,
     * such as {@code jdk.internal.net.http.HttpResponseImpl}, is reached through its public
     * interface).
     *
     * @throws NoSuchProperty when the class has none
     */
    public static Object property(Object target, String name) throws Exception {
        Accessor accessor = accessor(target.getClass(), name);
        if (accessor == MISSING) {
            throw new NoSuchProperty(target.getClass(), name);
        }
        return accessor.get(target);
    }

    /** True when {@code type} has a readable property {@code name}. */
    public static boolean hasProperty(Class<?> type, String name) {
        return accessor(type, name) != MISSING;
    }

    private static Accessor accessor(Class<?> type, String name) {
        Map<String, Accessor> cache = PROPERTIES.get(type);
        Accessor a = cache.get(name);
        if (a == null) {
            a = findAccessor(type, name);
            cache.put(name, a);
        }
        return a;
    }

    private static Accessor findAccessor(Class<?> type, String name) {
        String cap = capitalize(name);
        for (String candidate : new String[] {name, "get" + cap, "is" + cap}) {
            Method m = getter(type, candidate);
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

    /** A public, non-static method {@code name()} that returns something and the agent may call. */
    private static Method getter(Class<?> type, String name) {
        Method m = accessibleMethod(type, name);
        if (m != null) {
            return m.getReturnType() == void.class || Modifier.isStatic(m.getModifiers()) ? null : m;
        }
        try {
            m = type.getMethod(name); // an application class that is not public: its loader's module is open
            if (m.getReturnType() == void.class || Modifier.isStatic(m.getModifiers())) {
                return null;
            }
            m.setAccessible(true);
            return m;
        } catch (NoSuchMethodException | RuntimeException e) {
            return null;
        }
    }

    private static boolean callable(Member member) {
        Class<?> declaring = member.getDeclaringClass();
        return Modifier.isPublic(member.getModifiers()) && isOpenToUs(declaring);
    }

    static String capitalize(String name) {
        return name.isEmpty() ? name : name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }

    // ------------------------------------------------------------------ methods the agent may invoke

    /**
     * The method {@code name(parameters)} of {@code type}, declared by {@code type} or a
     * public, exported supertype, such that invoking it needs no {@code setAccessible}; or
     * null when there is none. An object's own class is often not accessible (the JDK's
     * {@code HttpRequest} is a {@code jdk.internal} class; a library's implementation class is
     * package-private), while a public supertype declares the same method: invoking that one
     * dispatches to the object's implementation all the same.
     */
    public static Method accessibleMethod(Class<?> type, String name, Class<?>... parameters) {
        Deque<Class<?>> todo = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        todo.add(type);
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            if (!seen.add(c)) {
                continue;
            }
            if (isOpenToUs(c)) {
                try {
                    Method m = c.getDeclaredMethod(name, parameters);
                    if (Modifier.isPublic(m.getModifiers())) {
                        return m;
                    }
                } catch (NoSuchMethodException e) {
                    // a supertype may declare it
                }
            }
            if (c.getSuperclass() != null) {
                todo.add(c.getSuperclass());
            }
            for (Class<?> i : c.getInterfaces()) {
                todo.add(i);
            }
        }
        return null;
    }

    /** Whether {@code type} implements the interface {@code name}, asked without loading that interface. */
    public static boolean implementsNamed(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(name) || implementsNamed(i, name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code type} or the superclass of it named {@code name}, asked without loading that class; null when none is. */
    public static Class<?> superclassNamed(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /**
     * Whether a class or one of its superclasses has one of {@code names}, answered once per
     * class: for the checks woven code makes on every call (a pool's checkout, a socket
     * factory's connect), which must not walk a hierarchy each time.
     */
    public static ClassValue<Boolean> namedInHierarchy(List<String> names) {
        return new ClassValue<>() {
            @Override
            protected Boolean computeValue(Class<?> type) {
                for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                    if (names.contains(c.getName())) {
                        return Boolean.TRUE;
                    }
                }
                return Boolean.FALSE;
            }
        };
    }

    /** Whether a class implements the interface {@code name}, answered once per class ({@link #implementsNamed}). */
    public static ClassValue<Boolean> implementing(String name) {
        return new ClassValue<>() {
            @Override
            protected Boolean computeValue(Class<?> type) {
                return implementsNamed(type, name);
            }
        };
    }

    /**
     * The application's class of that name, once some class loader other than the boot loader
     * has loaded it; null until then. A pass over every loaded class: for what runs on the
     * agent's own threads, never a call's.
     */
    public static Class<?> loadedByApplication(java.lang.instrument.Instrumentation inst, String name) {
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (c.getName().equals(name) && c.getClassLoader() != null) {
                return c;
            }
        }
        return null;
    }

    /** A public class whose package its module exports to everyone (the unnamed module's are). */
    static boolean isOpenToUs(Class<?> c) {
        return Modifier.isPublic(c.getModifiers()) && c.getModule().isExported(c.getPackageName());
    }

    /** {@code target.name()} through an accessible declaration, or null when it has none or it throws. */
    static Object callQuietly(Object target, String name) {
        Method m = target == null ? null : accessibleMethod(target.getClass(), name);
        if (m == null) {
            return null;
        }
        try {
            return m.invoke(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ a library's public API and fields

    /** {@code target.name()}, a public method without arguments. */
    static Object call(Object target, String name) throws ReflectiveOperationException {
        return target.getClass().getMethod(name).invoke(target);
    }

    /** Whether {@code target} has a public method {@code name()}. */
    static boolean has(Object target, String name) {
        try {
            target.getClass().getMethod(name);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** A class of the library, seen from the loader of one of its objects. */
    static Class<?> type(Object from, String name) throws ClassNotFoundException {
        return Class.forName(name, false, from.getClass().getClassLoader());
    }

    /** Invokes {@code method}, letting the application's own exception out unwrapped. */
    static Object invoke(Method method, Object target, Object... args) throws Exception {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e;
        }
    }

    /** {@code failure} as an {@code IOException}, the type callbacks are given (a configured exception may be another). */
    static java.io.IOException asIOException(Throwable failure) {
        return failure instanceof java.io.IOException ? (java.io.IOException) failure
                : new java.io.IOException(failure.getMessage(), failure);
    }

    /**
     * The field {@code name} declared by {@code type} or a superclass (of {@code fieldType}, when
     * given), made readable; null when there is none or it cannot be read (a named module that
     * does not open it).
     */
    public static Field readableField(Class<?> type, String name, Class<?> fieldType) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                if (fieldType == null || f.getType() == fieldType) {
                    f.setAccessible(true);
                    return f;
                }
            } catch (NoSuchFieldException | RuntimeException e) {
                // not here (or not accessible): look further up
            }
        }
        return null;
    }
}
