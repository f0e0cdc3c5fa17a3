package dev.tripswitch.runtime;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns a {@code whenOpen.return} literal into a value of the woven method's return type:
 * numbers are converted when they fit exactly (never {@code 1.5} to an {@code int}, nor 300
 * to a {@code byte}), {@code empty} becomes that type's empty value, and a value that
 * cannot be returned is refused here (the caller reports it) rather than failing as a
 * {@code ClassCastException} inside the application.
 */
final class ReturnValues {
    private ReturnValues() {
    }

    /** The value to return, or throws {@link IllegalArgumentException} saying why it cannot be returned. */
    static Object coerce(Object literal, boolean empty, Class<?> type) {
        if (type == void.class) {
            return null;
        }
        if (empty) {
            return emptyOf(type);
        }
        Class<?> boxed = box(type);
        if (literal == null) {
            if (type.isPrimitive()) {
                throw new IllegalArgumentException("null cannot be returned as " + type.getName());
            }
            return null;
        }
        if (boxed.isInstance(literal)) {
            return literal;
        }
        if (literal instanceof Number) {
            Number n = (Number) literal;
            if (boxed == Number.class || boxed == Object.class) {
                return literal;
            }
            if (boxed == Double.class || boxed == Float.class) {
                double d = n.doubleValue();
                if (n instanceof Long && (long) d != ((Long) n)) {
                    Long l = (Long) n;
                    throw new IllegalArgumentException(literal + " cannot be returned as " + type.getName()
                            + " without losing digits");
                }
                return boxed == Double.class ? (Object) d : (Object) (float) d;
            }
            long whole = wholeNumber(n, type);
            if (boxed == Long.class) {
                return whole;
            }
            if (boxed == Integer.class && whole == (int) whole) {
                return (int) whole;
            }
            if (boxed == Short.class && whole == (short) whole) {
                return (short) whole;
            }
            if (boxed == Byte.class && whole == (byte) whole) {
                return (byte) whole;
            }
            if (boxed == Integer.class || boxed == Short.class || boxed == Byte.class) {
                throw new IllegalArgumentException(literal + " is out of the range of " + type.getName());
            }
        }
        if (literal instanceof String && boxed == Character.class && ((String) literal).length() == 1) {
            String s = (String) literal;
            return s.charAt(0);
        }
        if (literal instanceof String && type.isEnum()) {
            String s = (String) literal;
            for (Object constant : type.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(s)) {
                    return constant;
                }
            }
        }
        if (literal instanceof String && type.isAssignableFrom(String.class)) {
            String s = (String) literal;
            return s;
        }
        throw new IllegalArgumentException(literal + " (" + literal.getClass().getSimpleName()
                + ") cannot be returned as " + type.getName());
    }

    /** The whole number a literal is, or why it cannot be returned as the integral {@code type}. */
    private static long wholeNumber(Number n, Class<?> type) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (d != Math.rint(d) || Double.isInfinite(d) || Math.abs(d) >= 0x1p63) {
                throw new IllegalArgumentException(n + " cannot be returned as " + type.getName()
                        + ": it is not a whole number");
            }
            return (long) d;
        }
        return n.longValue();
    }

    static Object emptyOf(Class<?> type) {
        if (type.isPrimitive()) {
            return defaultOf(type);
        }
        if (type.isArray()) {
            return Array.newInstance(type.getComponentType(), 0);
        }
        if (type == String.class || type == CharSequence.class) {
            return "";
        }
        if (type == Optional.class) {
            return Optional.empty();
        }
        if (type == OptionalInt.class) {
            return OptionalInt.empty();
        }
        if (type == OptionalLong.class) {
            return OptionalLong.empty();
        }
        if (type == OptionalDouble.class) {
            return OptionalDouble.empty();
        }
        if (type.isAssignableFrom(List.class)) {
            return List.of();
        }
        if (type.isAssignableFrom(Set.class)) {
            return Set.of();
        }
        if (type.isAssignableFrom(Map.class)) {
            return Map.of();
        }
        if (type == Stream.class) {
            return Stream.empty();
        }
        if (type == Iterator.class) {
            return List.of().iterator();
        }
        if (Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)) {
            try {
                return type.getConstructor().newInstance();
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalArgumentException("no empty value of " + type.getName() + " (no public no-argument constructor)");
            }
        }
        throw new IllegalArgumentException(type.getName() + " has no empty value: empty works for collections, maps,"
                + " Optional, arrays, strings and primitives");
    }

    static Object defaultOf(Class<?> type) {
        if (type == boolean.class) {
            return Boolean.FALSE;
        }
        if (type == char.class) {
            return '\0';
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == double.class) {
            return 0.0;
        }
        if (type == float.class) {
            return 0.0f;
        }
        if (type == short.class) {
            return (short) 0;
        }
        if (type == byte.class) {
            return (byte) 0;
        }
        return type == int.class ? 0 : null;
    }

    static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return defaultOf(type) == null ? Void.class : defaultOf(type).getClass();
    }
}
