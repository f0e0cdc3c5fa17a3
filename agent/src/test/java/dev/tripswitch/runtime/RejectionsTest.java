package dev.tripswitch.runtime;

import dev.tripswitch.bridge.CallKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import dev.tripswitch.CircuitOpenException;
import dev.tripswitch.bridge.Dispatcher;
import dev.tripswitch.engine.BreakerConfig;
import dev.tripswitch.engine.CircuitBreaker;
import dev.tripswitch.log.AgentLog;
import dev.tripswitch.rules.BreakerRule;
import dev.tripswitch.rules.FailOn;
import dev.tripswitch.rules.MatchSpec;
import dev.tripswitch.rules.WhenOpen;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a rejected call ends with, per whenOpen; what cannot be honoured falls back to CircuitOpenException, said once. */
class RejectionsTest {
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final AgentLog log = AgentLog.to(new PrintStream(logged, true, StandardCharsets.UTF_8));
    private final FakeClockForRejections clock = new FakeClockForRejections();
    private final CircuitBreaker breaker = new CircuitBreaker("api", "h:1", BreakerConfig.DEFAULTS, clock);

    /** The methods whose rejections are answered. */
    public static final class Client {
        public int count(String s) throws IOException {
            return 1;
        }

        public List<String> names() {
            return List.of("a");
        }

        public CompletableFuture<String> later() {
            return CompletableFuture.completedFuture("x");
        }

        public static List<String> fallback(Throwable cause) {
            return List.of("fallback: " + cause.getMessage());
        }
    }

    private Rejections rejections(WhenOpen whenOpen) {
        BreakerRule rule = new BreakerRule("api", List.of(new MatchSpec("x", false, List.of("m"), null)), null, 1,
                FailOn.DEFAULTS, whenOpen, BreakerConfig.DEFAULTS, null);
        return new Rejections(rule, log, null);
    }

    @Test
    void throwTheNamedExceptionWithTheMessage() throws Exception {
        breaker.forceOpen();
        Object outcome = rejections(new WhenOpen.Throw("java.net.ConnectException"))
                .reject(breaker, Client.class, "count(Ljava/lang/String;)I", CallKind.SYNC, new Client(), null, null);
        Throwable t = assertInstanceOf(Dispatcher.Throw.class, outcome).throwable;
        assertInstanceOf(java.net.ConnectException.class, t);
        assertEquals("circuit open: api[h:1], forced open until reset", t.getMessage());
    }

    @Test
    void returnAValueThatFitsOrFallBack() throws Exception {
        Object empty = rejections(new WhenOpen.Return(null, true)).reject(breaker, Client.class,
                "names()Ljava/util/List;", CallKind.SYNC, new Client(), null, null);
        assertEquals(List.of(), empty);
        Object refused = rejections(new WhenOpen.Return(1.5, false)).reject(breaker, Client.class,
                "count(Ljava/lang/String;)I", CallKind.SYNC, new Client(), null, null);
        assertInstanceOf(CircuitOpenException.class, assertInstanceOf(Dispatcher.Throw.class, refused).throwable);
        assertTrue(logged.toString(StandardCharsets.UTF_8).contains("1.5 cannot be returned as int"), logged.toString());
    }

    @Test
    void futuresGetAFailedFuture() throws Exception {
        Object outcome = rejections(WhenOpen.DEFAULT).reject(breaker, Client.class,
                "later()Ljava/util/concurrent/CompletableFuture;", CallKind.FUTURE, new Client(), null, null);
        CompletableFuture<?> f = assertInstanceOf(CompletableFuture.class, outcome);
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, f::get);
        assertInstanceOf(CircuitOpenException.class, e.getCause());
    }

    @Test
    void callAFallbackWithTheCause() throws Exception {
        Object outcome = rejections(new WhenOpen.Call(Client.class.getName(), "fallback")).reject(breaker,
                Client.class, "names()Ljava/util/List;", CallKind.SYNC, new Client(), new Object[0], null);
        assertEquals(List.of("fallback: circuit open: api[h:1], retry after 0 ms"), outcome);
    }

    /** A clock that stands still. */
    private static final class FakeClockForRejections implements dev.tripswitch.engine.Clock {
        @Override
        public long nanoTime() {
            return 0;
        }

        @Override
        public long currentTimeMillis() {
            return 0;
        }
    }
}
