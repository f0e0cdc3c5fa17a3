package dev.tripswitch.runtime;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;

import dev.tripswitch.engine.FailedResult;
import dev.tripswitch.rules.FailOn;
import dev.tripswitch.rules.ResultExpression;

/**
 * Judges a finished call by a rule's {@code failOn}: an exception of {@code ignore} (or an
 * ignored SQL state) counts as neither, one of {@code exceptions} as a failure, any other
 * as a success (the service answered); a returned value is a failure when any
 * {@code result} predicate holds. Wrappers ({@code CompletionException},
 * {@code ExecutionException}) are judged by their cause. Exception types are matched by
 * name along the class hierarchy, so they need not be loadable by the agent.
 */
final class OutcomeJudge {
    private final FailOn failOn;
    private final List<ResultPredicate> predicates = new ArrayList<>();
    private final List<ResultPredicate> ignoring = new ArrayList<>();
    private final Map<Class<?>, Outcome> byType = new ConcurrentHashMap<>();
    private final BiConsumer<ResultExpression, Exception> unresolved;
    /** Whether any predicate looks at a returned value: most rules have none, and their successes skip both lists. */
    private final boolean readsResults;

    /** @param unresolved told when a predicate's path does not exist on a result (the caller reports it once) */
    OutcomeJudge(FailOn failOn, BiConsumer<ResultExpression, Exception> unresolved) {
        this.failOn = failOn;
        this.unresolved = unresolved;
        for (ResultExpression e : failOn.result()) {
            predicates.add(new ResultPredicate(e));
        }
        for (ResultExpression e : failOn.ignoreResult()) {
            ignoring.add(new ResultPredicate(e));
        }
        this.readsResults = !predicates.isEmpty() || !ignoring.isEmpty();
    }

    /** Judges one call. */
    Judgement judge(Object returned, Throwable thrown) {
        if (thrown != null) {
            Throwable cause = unwrap(thrown);
            return new Judgement(outcomeOf(cause), cause);
        }
        if (!readsResults) {
            return Judgement.SUCCESS;
        }
        if (!ignoring.isEmpty() && holds(ignoring, returned)) {
            return Judgement.IGNORED;
        }
        if (!predicates.isEmpty()) {
            Object[] seen = new Object[1];
            for (ResultPredicate p : predicates) {
                try {
                    if (p.test(returned, seen)) {
                        return new Judgement(Outcome.FAILURE,
                                new FailedResult("result: " + p.expression() + " (was " + seen[0] + ")"));
                    }
                } catch (Exception e) {
                    unresolved.accept(p.expression(), e);
                }
            }
        }
        return Judgement.SUCCESS;
    }

    private boolean holds(List<ResultPredicate> list, Object returned) {
        Object[] seen = new Object[1];
        for (ResultPredicate p : list) {
            try {
                if (p.test(returned, seen)) {
                    return true;
                }
            } catch (Exception e) {
                unresolved.accept(p.expression(), e);
            }
        }
        return false;
    }

    /**
     * Whether a call that threw {@code thrown} is one to retry: its cause is of a type
     * {@code on} names (or a subtype), or, with {@code on} empty, it is a failure by failOn.
     */
    boolean retriable(Throwable thrown, List<String> on) {
        Throwable cause = unwrap(thrown);
        return on.isEmpty() ? outcomeOf(cause) == Outcome.FAILURE : isA(cause.getClass(), on);
    }

    /** The verdict on one call and, for a failure, what to record as its cause. */
    static final class Judgement {
        private final Outcome outcome;
        private final Throwable failure;

        Judgement(Outcome outcome, Throwable failure) {
            this.outcome = outcome;
            this.failure = failure;
        }

        public Outcome outcome() {
            return outcome;
        }

        public Throwable failure() {
            return failure;
        }

        static final Judgement SUCCESS = new Judgement(Outcome.SUCCESS, null);
        static final Judgement IGNORED = new Judgement(Outcome.IGNORED, null);
    }

    static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException
                || current instanceof java.lang.reflect.UndeclaredThrowableException)
                && current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }

    private Outcome outcomeOf(Throwable t) {
        if (!failOn.ignoreSqlStates().isEmpty() && ignoredSqlState(t)) {
            return Outcome.IGNORED;
        }
        return byType.computeIfAbsent(t.getClass(), this::outcomeOfType);
    }

    private Outcome outcomeOfType(Class<?> type) {
        if (isA(type, failOn.ignore())) {
            return Outcome.IGNORED;
        }
        return isA(type, failOn.exceptions()) ? Outcome.FAILURE : Outcome.SUCCESS;
    }

    private static boolean isA(Class<?> type, List<String> names) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (names.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }

    private boolean ignoredSqlState(Throwable t) {
        try {
            if (t instanceof SQLException && ((SQLException) t).getSQLState() != null) {
                SQLException sql = (SQLException) t;
                for (String prefix : failOn.ignoreSqlStates()) {
                    if (sql.getSQLState().startsWith(prefix)) {
                        return true;
                    }
                }
            }
        } catch (LinkageError e) {
            return false; // no java.sql in this JVM, so no SQLException either
        }
        return false;
    }
}
