package dev.tripswitch.instrumentation;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Finds a method the agent may invoke reflectively on an object of a class it does not own.
 * An object's own class is often not accessible (the JDK's {@code HttpRequest} is a
 * {@code jdk.internal} class; a library's implementation class is package-private), while a
 * public supertype in an exported package declares the same method: invoking that one
 * dispatches to the object's implementation all the same.
 */
public final class AccessibleMethods {
    private AccessibleMethods() {
    }

    /**
     * The method {@code name(parameters)} of {@code type}, declared by {@code type} or a
     * public, exported supertype, such that invoking it needs no {@code setAccessible}; or
     * null when there is none.
     */
    public static Method find(Class<?> type, String name, Class<?>... parameters) {
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

    /** A public class whose package its module exports to everyone (the unnamed module's are). */
    static boolean isOpenToUs(Class<?> c) {
        return Modifier.isPublic(c.getModifiers()) && c.getModule().isExported(c.getPackageName());
    }

    /** {@code target.name()} through an accessible declaration, or null when it has none or it throws. */
    static Object callQuietly(Object target, String name) {
        Method m = target == null ? null : find(target.getClass(), name);
        if (m == null) {
            return null;
        }
        try {
            return m.invoke(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
