package dev.tripswitch.runtime;

import dev.tripswitch.instrumentation.Reflect;
import java.util.Objects;

import dev.tripswitch.rules.ResultExpression;

/**
 * Evaluates one {@code failOn.result} expression on a returned value. A comparison whose
 * sides cannot be compared (a number against a stream) is false: that result is not the
 * kind the predicate is about. A path that does not exist throws, and the caller reports
 * it once.
 */
final class ResultPredicate {
    private final ResultExpression expression;

    ResultPredicate(ResultExpression expression) {
        this.expression = expression;
    }

    ResultExpression expression() {
        return expression;
    }

    /** True when the returned value counts as a failure; the value seen is left in {@code seen[0]}. */
    boolean test(Object returned, Object[] seen) throws Exception {
        Object value = returned;
        for (String property : expression.path()) {
            if (value == null) {
                return false;
            }
            value = Reflect.property(value, property);
        }
        seen[0] = value;
        if (expression.op() == null) {
            return Boolean.TRUE.equals(value);
        }
        Object literal = expression.literal();
        switch (expression.op()) {
            case EQ:
                return same(value, literal);
            case NE:
                return !same(value, literal);
            default:
                return ordered(value, literal);
        }
    }

    private static boolean same(Object value, Object literal) {
        if (value instanceof Number && literal instanceof Number) {
            Number l = (Number) literal;
            Number n = (Number) value;
            return compareNumbers(n, l) == 0;
        }
        if (value instanceof Character && literal instanceof String) {
            String s = (String) literal;
            Character c = (Character) value;
            return s.length() == 1 && s.charAt(0) == c;
        }
        if (value instanceof Enum<?> && literal instanceof String) {
            String s = (String) literal;
            Enum<?> e = (Enum<?>) value;
            return e.name().equals(s);
        }
        return Objects.equals(value, literal);
    }

    private boolean ordered(Object value, Object literal) {
        int c;
        if (value instanceof Number && literal instanceof Number) {
            Number l = (Number) literal;
            Number n = (Number) value;
            c = compareNumbers(n, l);
        } else if (value instanceof String && literal instanceof String) {
            String l = (String) literal;
            String s = (String) value;
            c = s.compareTo(l);
        } else {
            return false;
        }
        switch (expression.op()) {
            case LT:
                return c < 0;
            case LE:
                return c <= 0;
            case GT:
                return c > 0;
            default:
                return c >= 0;
        }
    }

    private static int compareNumbers(Number a, Number b) {
        boolean whole = (a instanceof Long || a instanceof Integer || a instanceof Short || a instanceof Byte)
                && b instanceof Long;
        return whole ? Long.compare(a.longValue(), b.longValue()) : Double.compare(a.doubleValue(), b.doubleValue());
    }
}
