package dev.tripswitch.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code failOn.result:} of docs/rules.md, parsed: {@code PATH OP LITERAL} or a lone
 * boolean {@code PATH}, evaluated on the returned value ({@code it}). {@code statusCode >= 500}
 * means {@code it.statusCode() >= 500}.
 *
 * @param source  the text as the user wrote it
 * @param path    properties to follow from the returned value (empty for {@code it})
 * @param op      the comparison, or null for a lone boolean path
 * @param literal a Long, Double, String, Boolean or null
 */
public final class ResultExpression {
    private final String source;
    private final List<String> path;
    private final Op op;
    private final Object literal;

    public String source() {
        return source;
    }

    public List<String> path() {
        return path;
    }

    public Op op() {
        return op;
    }

    public Object literal() {
        return literal;
    }

    private static final Pattern FORM = Pattern.compile(
            "\\s*([A-Za-z_$][A-Za-z0-9_$.]*)\\s*(?:(==|!=|<=|>=|<|>)\\s*(.+?))?\\s*");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    /** The comparisons docs/rules.md allows. */
    public enum Op {
        EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

        public final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        static Op of(String symbol) {
            for (Op op : values()) {
                if (op.symbol.equals(symbol)) {
                    return op;
                }
            }
            throw new IllegalArgumentException(symbol);
        }
    }

    public ResultExpression(String source, List<String> path, Op op, Object literal) {
        path = List.copyOf(path);
        this.source = source;
        this.path = path;
        this.op = op;
        this.literal = literal;
    }

    /** Parses a result predicate; the exception's message says what is wrong. */
    public static ResultExpression parse(String text) {
        String s = text == null ? "" : text;
        Matcher m = FORM.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + s.trim() + "' is not a result predicate: write PATH OP LITERAL"
                    + " (statusCode >= 500, it == null, body.error == true) or a boolean PATH; OP is one of"
                    + " == != < <= > >=");
        }
        String[] parts = m.group(1).split("\\.", -1);
        List<String> path = new ArrayList<>();
        int from = parts[0].equals("it") ? 1 : 0;
        for (int i = from; i < parts.length; i++) {
            path.add(parts[i]);
        }
        KeyExpression.parsePath(prepend(parts, from), s.trim());
        if (m.group(2) == null) {
            return new ResultExpression(s.trim(), path, null, null);
        }
        return new ResultExpression(s.trim(), path, Op.of(m.group(2)), literal(m.group(3), s.trim()));
    }

    private static String[] prepend(String[] parts, int from) {
        String[] out = new String[parts.length - from + 1];
        out[0] = "it";
        System.arraycopy(parts, from, out, 1, parts.length - from);
        return out;
    }

    private static Object literal(String text, String whole) {
        String t = text.trim();
        if (t.equals("null")) {
            return null;
        }
        if (t.equals("true") || t.equals("false")) {
            return Boolean.valueOf(t);
        }
        if (NUMBER.matcher(t).matches()) {
            return t.contains(".") ? (Object) Double.valueOf(t) : (Object) Long.valueOf(t);
        }
        if (t.length() >= 2 && (t.startsWith("'") && t.endsWith("'") || t.startsWith("\"") && t.endsWith("\""))) {
            return t.substring(1, t.length() - 1);
        }
        throw new IllegalArgumentException("'" + whole + "': '" + t
                + "' is not a literal: use a number, a quoted string, true, false or null");
    }

    @Override
    public String toString() {
        return source;
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof ResultExpression)) {
            return false;
        }
        ResultExpression other = (ResultExpression) o;
        return java.util.Objects.equals(source, other.source)
            && java.util.Objects.equals(path, other.path)
            && java.util.Objects.equals(op, other.op)
            && java.util.Objects.equals(literal, other.literal);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(source, path, op, literal);
    }
}
