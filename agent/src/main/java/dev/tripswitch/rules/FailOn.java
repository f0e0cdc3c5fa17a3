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
public record FailOn(List<String> exceptions, List<String> ignore, List<ResultExpression> result,
                     List<String> ignoreSqlStates, List<ResultExpression> ignoreResult) {
    public static final FailOn DEFAULTS = new FailOn(List.of("java.lang.Throwable"), List.of(), List.of(), List.of(),
            List.of());

    public FailOn {
        exceptions = List.copyOf(exceptions);
        ignore = List.copyOf(ignore);
        result = List.copyOf(result);
        ignoreSqlStates = List.copyOf(ignoreSqlStates);
        ignoreResult = List.copyOf(ignoreResult);
    }
}
