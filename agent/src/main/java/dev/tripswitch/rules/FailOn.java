package dev.tripswitch.rules;

import java.util.List;

/**
 * What counts as a failure ({@code failOn:}).
 *
 * @param exceptions      exception types that count as failures (subclasses too)
 * @param ignore          exception types that count as neither success nor failure
 * @param result          predicates on the returned value; any one true makes a failure
 * @param ignoreSqlStates SQLState prefixes of SQLExceptions that count as neither (the jdbc preset's 23, 42)
 * @param ignoreResult    predicates on the returned value that make the call count as neither (the jdbc
 *                        preset's {@code it == null}: a driver declining a URL that is not its own)
 */
public final class FailOn {
    private final List<String> exceptions;
    private final List<String> ignore;
    private final List<ResultExpression> result;
    private final List<String> ignoreSqlStates;
    private final List<ResultExpression> ignoreResult;

    public List<String> exceptions() {
        return exceptions;
    }

    public List<String> ignore() {
        return ignore;
    }

    public List<ResultExpression> result() {
        return result;
    }

    public List<String> ignoreSqlStates() {
        return ignoreSqlStates;
    }

    public List<ResultExpression> ignoreResult() {
        return ignoreResult;
    }

    public static final FailOn DEFAULTS = new FailOn(List.of("java.lang.Throwable"), List.of(), List.of(), List.of(),
            List.of());

    public FailOn(List<String> exceptions, List<String> ignore, List<ResultExpression> result, List<String> ignoreSqlStates, List<ResultExpression> ignoreResult) {
        exceptions = List.copyOf(exceptions);
        ignore = List.copyOf(ignore);
        result = List.copyOf(result);
        ignoreSqlStates = List.copyOf(ignoreSqlStates);
        ignoreResult = List.copyOf(ignoreResult);
        this.exceptions = exceptions;
        this.ignore = ignore;
        this.result = result;
        this.ignoreSqlStates = ignoreSqlStates;
        this.ignoreResult = ignoreResult;
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof FailOn)) {
            return false;
        }
        FailOn other = (FailOn) o;
        return java.util.Objects.equals(exceptions, other.exceptions)
            && java.util.Objects.equals(ignore, other.ignore)
            && java.util.Objects.equals(result, other.result)
            && java.util.Objects.equals(ignoreSqlStates, other.ignoreSqlStates)
            && java.util.Objects.equals(ignoreResult, other.ignoreResult);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(exceptions, ignore, result, ignoreSqlStates, ignoreResult);
    }

    @Override
    public String toString() {
        return "FailOn[exceptions=" + exceptions + ", ignore=" + ignore + ", result=" + result + ", ignoreSqlStates=" + ignoreSqlStates + ", ignoreResult=" + ignoreResult + "]";
    }
}
