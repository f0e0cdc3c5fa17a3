package dev.tripswitch.instrumentation;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Calls into a client library the agent does not bundle, through its public API, and reads
 * the fields a library keeps without a getter. Only keys learnt once per class, the
 * asynchronous styles' completions and rejections come here, never a call's closed path.
 */
public final class Reflect {
    private Reflect() {
    }

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
                Exception x = (Exception) cause;
                throw x;
            }
            if (cause instanceof Error) {
                Error x = (Error) cause;
                throw x;
            }
            throw e;
        }
    }

    /** {@code failure} as an {@code IOException}, the type callbacks are given (a configured exception may be another). */
    static java.io.IOException asIOException(Throwable failure) {
        return failure instanceof java.io.IOException ? (java.io.IOException) failure : new java.io.IOException(failure.getMessage(), failure);
    }

    /**
     * The field {@code name} declared by {@code type} or a superclass (of {@code fieldType}, when
     * given), made readable; null when there is none or it cannot be read (a named module that
     * does not open it).
     */
    public static java.lang.reflect.Field readableField(Class<?> type, String name, Class<?> fieldType) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                java.lang.reflect.Field f = c.getDeclaredField(name);
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
