package dev.tripswitch.runtime;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import dev.tripswitch.rules.FailOn;
import dev.tripswitch.rules.ResultExpression;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A finished call judged by failOn: exceptions by type along their hierarchy, results by predicates. */
class OutcomeJudgeTest {
    private final List<String> unresolved = new ArrayList<>();

    private OutcomeJudge judge(FailOn failOn) {
        return new OutcomeJudge(failOn, (e, error) -> unresolved.add(e + ": " + error.getMessage()));
    }

    private static FailOn failOn(List<String> exceptions, List<String> ignore, List<String> result) {
        return new FailOn(exceptions, ignore, result.stream().map(ResultExpression::parse).toList(), List.of(), List.of());
    }

    /** A response as clients return them. */
    public record Response(int code) {
    }

    @Test
    void exceptionsBySubclassIgnoredOnesAndOthersThatAreAnswers() {
        OutcomeJudge j = judge(failOn(List.of("java.io.IOException"), List.of("java.io.InterruptedIOException"), List.of()));
        assertEquals(Outcome.FAILURE, j.judge(null, new ConnectException("refused")).outcome());
        assertEquals(Outcome.IGNORED, j.judge(null, new InterruptedIOException("cancelled")).outcome());
        assertEquals(Outcome.SUCCESS, j.judge(null, new IllegalArgumentException("bad input")).outcome(),
                "an exception that is not a failure means the service answered");
        assertEquals(Outcome.SUCCESS, j.judge("fine", null).outcome());
    }

    @Test
    void wrappersAreJudgedByTheirCause() {
        OutcomeJudge j = judge(failOn(List.of("java.io.IOException"), List.of(), List.of()));
        IOException cause = new IOException("down");
        OutcomeJudge.Judgement judged = j.judge(null, new CompletionException(new ExecutionException(cause)));
        assertEquals(Outcome.FAILURE, judged.outcome());
        assertSame(cause, judged.failure(), "LastFailure names the real cause");
    }

    @Test
    void resultPredicatesNameWhatTheySaw() {
        OutcomeJudge j = judge(failOn(List.of("java.lang.Throwable"), List.of(), List.of("code >= 500")));
        assertEquals(Outcome.SUCCESS, j.judge(new Response(200), null).outcome());
        OutcomeJudge.Judgement failed = j.judge(new Response(503), null);
        assertEquals(Outcome.FAILURE, failed.outcome());
        assertEquals("result: code >= 500 (was 503)", failed.failure().getMessage());
    }

    @Test
    void aPathThatDoesNotResolveIsToldAndCountsAsSuccess() {
        OutcomeJudge j = judge(failOn(List.of("java.lang.Throwable"), List.of(), List.of("code >= 500")));
        assertEquals(Outcome.SUCCESS, j.judge("a string has no code()", null).outcome());
        assertEquals(1, unresolved.size(), unresolved.toString());
        assertTrue(unresolved.get(0).startsWith("code >= 500: "), unresolved.get(0));
    }

    @Test
    void ignoredSqlStatesAndResults() {
        OutcomeJudge j = judge(new FailOn(List.of("java.sql.SQLException"), List.of(), List.of(), List.of("23", "42"),
                List.of(ResultExpression.parse("it == null"))));
        assertEquals(Outcome.IGNORED, j.judge(null, new SQLException("duplicate key", "23505")).outcome());
        assertEquals(Outcome.IGNORED, j.judge(null, new SQLException("syntax", "42601")).outcome());
        assertEquals(Outcome.FAILURE, j.judge(null, new SQLException("connection refused", "08001")).outcome());
        assertEquals(Outcome.IGNORED, j.judge(null, null).outcome(), "a driver declining a URL that is not its own");
    }
}
