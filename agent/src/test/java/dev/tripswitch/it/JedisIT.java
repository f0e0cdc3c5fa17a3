package dev.tripswitch.it;

import java.util.List;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code jedis} preset against a real {@code redis-server}, in child JVMs on Java 11, 17
 * and 25: a Redis that stops or stalls trips the breaker of its {@code host:port} within
 * {@code consecutiveFailures} commands, commands are then rejected at once with the
 * {@code JedisConnectionException} Jedis callers handle, and they resume on their own when
 * the server is back.
 */
class JedisIT {
    private static final String RULES = rules("jedis");
    private static final String REJECTED = "failure redis.clients.jedis.exceptions.JedisConnectionException: circuit"
            + " open: redis[%s], retry after ";

    /** A breaker {@code redis} of {@code preset} that opens after three failures in a row and tries again after a second. */
    static String rules(String preset) {
        return rules("redis", preset);
    }

    /** The same, named {@code name}. */
    static String rules(String name, String preset) {
        return """
                version: 1
                defaults:
                  consecutiveFailures: 3
                  openFor: 1s
                  halfOpen: {calls: 1, successes: 1, maxWait: 30s}
                breakers:
                  - name: %s
                    preset: %s
                """.formatted(name, preset);
    }

    static List<String> libs() throws java.io.IOException {
        return PresetsIT.libs("tripswitch.datastoreLibs", "target/datastore-libs");
    }

    static ChildJvm start(Jdk jdk, String rules) throws Exception {
        return ChildJvm.start(jdk, Env.rules(rules).toString(), "com.acme.TargetApp", libs(), List.of()).awaitReady();
    }

    /** A stopped Redis: each style fails, opens the breaker, is rejected fast, and recovers when Redis is back. */
    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void aStoppedRedisTripsEveryStyleAndTheyRecover(Jdk jdk) throws Exception {
        try (RedisServer redis = RedisServer.start(null); ChildJvm app = start(jdk, RULES)) {
            String at = redis.hostKey();
            assertEquals("ok OK", app.send("jedis-set " + at + " greeting hello"));
            assertEquals("ok hello", app.send("jedis-get " + at + " greeting"));
            assertEquals("ok hello", app.send("jedis-pooled-get " + at + " greeting"));
            assertEquals("ok 1", app.send("jedis-pipeline " + at + " counter"));
            assertEquals("ok [2]", app.send("jedis-transaction " + at + " counter"));
            assertEquals("ok PONG", app.send("jedis-ping " + at));
            MBeanServerConnection jmx = app.jmx();
            ObjectName breaker = Jmx.breaker("redis", at);
            Jmx.awaitRegistered(jmx, breaker);
            long calls = (Long) Jmx.get(jmx, breaker, "TotalCalls");
            assertEquals("CLOSED", Jmx.state(jmx, breaker));

            redis.kill();
            for (int i = 0; i < 3; i++) {
                String failed = app.send("jedis-get " + at + " greeting");
                assertTrue(failed.startsWith("failure redis.clients.jedis.exceptions.JedisConnectionException"), failed);
            }
            assertEquals("OPEN", Jmx.state(jmx, breaker), "three refused commands in a row");
            for (String command : List.of("jedis-get " + at + " greeting", "jedis-pooled-get " + at + " greeting",
                    "jedis-pipeline " + at + " counter", "jedis-ping " + at)) {
                String rejected = app.send("timed " + command);
                assertTrue(rejected.startsWith(REJECTED.formatted(at)), command + ": " + rejected);
                assertTrue(millis(rejected) < 200, command + " is rejected at once: " + rejected);
            }

            redis.startAgain();
            ChildJvm.await("HALF_OPEN", () -> "HALF_OPEN".equals(Jmx.state(jmx, breaker)));
            assertEquals("ok OK", app.send("jedis-set " + at + " greeting again"));
            assertEquals("CLOSED", Jmx.state(jmx, breaker));
            String pooled = app.send("jedis-pooled-get " + at + " greeting");
            if (pooled.contains("Unexpected end of stream")) { // a connection the pool kept from before the restart
                pooled = app.send("jedis-pooled-get " + at + " greeting"); // fails once, as it does without the agent
            }
            assertEquals("ok again", pooled, "the pool reconnects");
            assertEquals("ok 1", app.send("jedis-pipeline " + at + " counter"));
            assertTrue((Long) Jmx.get(jmx, breaker, "TotalCalls") > calls);
            assertFalse(app.stderr().contains("internal error"), app.stderr());
        }
    }

    /**
     * A Redis that stops answering without closing its connections (SIGSTOP): each command
     * waits out its 500 ms {@code soTimeout} and fails, then the breaker opens and commands are
     * rejected without waiting; they resume once the server does.
     */
    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void aStalledRedisTripsOnTimeouts(Jdk jdk) throws Exception {
        try (RedisServer redis = RedisServer.start(null); ChildJvm app = start(jdk, RULES)) {
            String at = redis.hostKey();
            assertEquals("ok OK", app.send("jedis-set " + at + " greeting hello"));
            redis.pause();
            for (int i = 0; i < 3; i++) {
                String failed = app.send("timed jedis-pooled-get " + at + " greeting");
                assertTrue(failed.startsWith("failure redis.clients.jedis.exceptions.JedisConnectionException"), failed);
                assertTrue(millis(failed) >= 400, "waited for the timeout: " + failed);
            }
            MBeanServerConnection jmx = app.jmx();
            ObjectName breaker = Jmx.breaker("redis", at);
            assertEquals("OPEN", Jmx.state(jmx, breaker));
            String rejected = app.send("timed jedis-pooled-get " + at + " greeting");
            assertTrue(rejected.startsWith(REJECTED.formatted(at)), rejected);
            assertTrue(millis(rejected) < 200, rejected);
            redis.resume();
            ChildJvm.await("HALF_OPEN", () -> "HALF_OPEN".equals(Jmx.state(jmx, breaker)));
            assertEquals("ok hello", app.send("jedis-pooled-get " + at + " greeting"));
            assertEquals("CLOSED", Jmx.state(jmx, breaker));
        }
    }

    /**
     * A pipeline counts once per {@code sync()}, however many commands it queued; and a pool whose
     * Redis is down from the start never gets a connection, so its own connects are the calls
     * that fail and open the breaker, and its next checkout is rejected at once.
     */
    @Test
    void aPipelineCountsOnceAndThePoolsConnectsOpenTheBreaker() throws Exception {
        try (RedisServer redis = RedisServer.start(null); ChildJvm app = start(Jdk.java17(), RULES)) {
            String at = redis.hostKey();
            assertEquals("ok 1", app.send("jedis-pipeline " + at + " counter"));
            MBeanServerConnection jmx = app.jmx();
            ObjectName breaker = Jmx.breaker("redis", at);
            Jmx.awaitRegistered(jmx, breaker);
            long before = (Long) Jmx.get(jmx, breaker, "TotalCalls");
            assertEquals("ok 2", app.send("jedis-pipeline " + at + " counter"));
            assertEquals(before + 1, (Long) Jmx.get(jmx, breaker, "TotalCalls"), "incr and get in one sync: one call");

            int down;
            try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
                down = s.getLocalPort(); // nothing listens there once closed
            }
            String nowhere = "127.0.0.1:" + down;
            for (int i = 0; i < 3; i++) {
                String failed = app.send("jedis-pooled-get " + nowhere + " greeting");
                assertTrue(failed.startsWith("failure redis.clients.jedis.exceptions.JedisConnectionException"), failed);
            }
            ObjectName refused = Jmx.breaker("redis", nowhere);
            Jmx.awaitRegistered(jmx, refused);
            assertEquals("OPEN", Jmx.state(jmx, refused), "the pool's three refused connects");
            assertEquals(3L, Jmx.get(jmx, refused, "TotalFailures"));
            String rejected = app.send("timed jedis-pooled-get " + nowhere + " greeting");
            assertTrue(rejected.contains("circuit open: redis[" + nowhere + "]"), rejected);
        }
    }

    /** The milliseconds a {@code timed} command reports. */
    static long millis(String timed) {
        return Long.parseLong(timed.substring(timed.lastIndexOf("| in ") + 5, timed.lastIndexOf(" ms")));
    }
}
