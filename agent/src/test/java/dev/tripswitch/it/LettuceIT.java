package dev.tripswitch.it;

import java.util.List;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code lettuce} preset against a real {@code redis-server}, in child JVMs on Java 11, 17
 * and 25: commands of the synchronous, asynchronous and reactive APIs time out while Redis is
 * stopped or stalled, the breaker of its {@code host:port} opens within
 * {@code consecutiveFailures} commands, each API then gets {@code RedisConnectionException}
 * at once, and commands resume on their own once Redis is back and Lettuce has reconnected.
 */
class LettuceIT {
    private static final String RULES = JedisIT.rules("lettuce");
    private static final List<String> STYLES = List.of("lettuce-get", "lettuce-async-get", "lettuce-reactive-get");

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void aStoppedRedisTripsEveryApiAndTheyRecover(Jdk jdk) throws Exception {
        try (RedisServer redis = RedisServer.start(null); ChildJvm app = JedisIT.start(jdk, RULES)) {
            String at = redis.hostKey();
            assertEquals("ok OK", app.send("lettuce-set " + at + " greeting hello"));
            for (String style : STYLES) {
                assertEquals("ok hello", app.send(style + " " + at + " greeting"), style);
            }
            MBeanServerConnection jmx = app.jmx();
            ObjectName breaker = Jmx.breaker("redis", at);
            Jmx.awaitRegistered(jmx, breaker);
            // a command is recorded as its completion method returns, on Lettuce's thread: maybe just after the reply
            ChildJvm.await("four commands counted", () -> (Long) Jmx.get(jmx, breaker, "TotalCalls") >= 4);
            assertEquals(4L, Jmx.get(jmx, breaker, "TotalCalls"), "one call per command, whichever API");

            redis.kill();
            tripAndReject(app, jmx, breaker, at);
            redis.startAgain();
            recover(app, jmx, breaker, at, "ok null"); // a restarted server has lost the key
            assertFalse(app.stderr().contains("internal error"), app.stderr());
        }
    }

    /** A server that stops answering (SIGSTOP) without closing its connection: the commands' timeouts trip it. */
    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void aStalledRedisTripsOnCommandTimeouts(Jdk jdk) throws Exception {
        try (RedisServer redis = RedisServer.start(null); ChildJvm app = JedisIT.start(jdk, RULES)) {
            String at = redis.hostKey();
            assertEquals("ok OK", app.send("lettuce-set " + at + " greeting hello"));
            MBeanServerConnection jmx = app.jmx();
            ObjectName breaker = Jmx.breaker("redis", at);
            Jmx.awaitRegistered(jmx, breaker);
            redis.pause();
            tripAndReject(app, jmx, breaker, at);
            redis.resume();
            recover(app, jmx, breaker, at, "ok hello");
        }
    }

    private static void tripAndReject(ChildJvm app, MBeanServerConnection jmx, ObjectName breaker, String at)
            throws Exception {
        for (int i = 0; i < 3; i++) {
            String failed = app.send("timed lettuce-get " + at + " greeting");
            assertTrue(failed.startsWith("failure io.lettuce.core.RedisCommandTimeoutException"), failed);
        }
        // the third failure is recorded as the command's completion returns, on Lettuce's thread
        ChildJvm.await("OPEN after three timed-out commands in a row", () -> "OPEN".equals(Jmx.state(jmx, breaker)));
        for (String style : STYLES) {
            String rejected = app.send("timed " + style + " " + at + " greeting");
            assertTrue(rejected.startsWith("failure io.lettuce.core.RedisConnectionException: circuit open: redis["
                    + at + "], retry after "), style + ": " + rejected);
            assertTrue(JedisIT.millis(rejected) < 200, style + " is rejected at once: " + rejected);
        }
    }

    /** Lettuce reconnects on its own; once it has, the half-open trial passes and the breaker closes. */
    private static void recover(ChildJvm app, MBeanServerConnection jmx, ObjectName breaker, String at, String value)
            throws Exception {
        ChildJvm.await("the breaker to close once Redis is back", () -> {
            if ("HALF_OPEN".equals(Jmx.state(jmx, breaker))) {
                try {
                    app.send("lettuce-get " + at + " greeting"); // the trial: fails while Lettuce still reconnects
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return "CLOSED".equals(Jmx.state(jmx, breaker));
        });
        for (String style : STYLES) {
            assertEquals(value, app.send(style + " " + at + " greeting"), style);
        }
    }
}
