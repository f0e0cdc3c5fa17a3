package dev.tripswitch.it;

import java.nio.file.Path;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code agent.cluster} as a fleet meets it, with a real redis-server and child JVMs: a trip
 * in one opens the breaker in the others before they call, a JVM that starts later reads it,
 * an operator's reset applies to all, another namespace sees nothing; Redis killed and back,
 * and a wrong password, leave the applications running on local breakers.
 */
class ClusterIT {
    private static final String RULES = """
            version: 1
            agent:
              cluster: {redis: "%s", namespace: %s}
            defaults: {minimumCalls: 2, window: {type: count, size: 10}, openFor: 1m}
            breakers:
              - name: payments
                match: {type: com.acme.PaymentsClient, methods: [charge]}
            """;

    private static ChildJvm join(RedisServer redis, String url, String namespace) throws Exception {
        Path rules = Env.rules(RULES.formatted(url == null ? redis.url() : url, namespace));
        return ChildJvm.start(Jdk.java17(), rules).awaitReady();
    }

    private static void awaitState(MBeanServerConnection jmx, ObjectName breaker, String state) throws Exception {
        Jmx.awaitRegistered(jmx, breaker);
        ChildJvm.await(breaker + " to be " + state, () -> state.equals(Jmx.state(jmx, breaker)));
    }

    @Test
    void aTripInOneJvmOpensTheBreakerEverywhereInItsNamespace() throws Exception {
        try (RedisServer redis = RedisServer.start(null);
             ChildJvm a = join(redis, null, "shop"); ChildJvm b = join(redis, null, "shop");
             ChildJvm other = join(redis, null, "elsewhere")) {
            ObjectName payments = Jmx.breaker("payments");
            MBeanServerConnection jmxA = a.jmx();
            MBeanServerConnection jmxB = b.jmx();
            Jmx.awaitRegistered(jmxA, Jmx.agent());
            assertEquals(true, Jmx.get(jmxA, Jmx.agent(), "ClusterConnected"));
            assertFalse(a.stderr().contains("SLF4J"), "the bundled Redis client's logging stays quiet: " + a.stderr());

            a.send("fail on");
            a.send("charge x 1");
            a.send("charge x 1");
            awaitState(jmxA, payments, "OPEN");
            awaitState(jmxB, payments, "OPEN");
            String reason = (String) Jmx.get(jmxB, payments, "StateReason");
            assertTrue(reason == null || reason.startsWith("cluster: tripped in "), reason);
            String rejected = b.send("charge x 1");
            assertTrue(rejected.contains("circuit open: payments"), "B rejects before it ever failed: " + rejected);
            assertEquals("ok 0", b.send("entered"), "B never called the dependency");
            long retryAfter = (Long) Jmx.get(jmxB, payments, "RetryAfterMillis");
            assertTrue(retryAfter > 50_000 && retryAfter <= 60_000, "open for A's remaining time: " + retryAfter);

            try (ChildJvm late = join(redis, null, "shop")) {
                assertTrue(late.send("charge x 1").contains("circuit open: payments"),
                        "a JVM that starts later rejects its very first call");
                assertEquals("ok 0", late.send("entered"));
            }

            MBeanServerConnection jmxOther = other.jmx();
            Jmx.awaitRegistered(jmxOther, payments);
            assertEquals("CLOSED", Jmx.state(jmxOther, payments), "another namespace sees nothing");
            assertEquals("ok charged x 1", other.send("charge x 1"));

            jmxB.invoke(payments, "reset", null, null); // an operator's reset on one JVM applies to all
            awaitState(jmxA, payments, "CLOSED");
            ObjectName agent = Jmx.agent();
            ChildJvm.await("A to count B as a peer", () -> ((Integer) Jmx.get(jmxA, agent, "ClusterPeers")) >= 1);
            assertTrue(Jmx.get(jmxA, Jmx.agent(), "ClusterLastSyncAt") != null);
        }
    }

    @Test
    void withoutRedisTheApplicationsRunOnLocalBreakersAndResyncWhenItIsBack() throws Exception {
        try (RedisServer redis = RedisServer.start(null); ChildJvm a = join(redis, null, "shop");
             ChildJvm b = join(redis, null, "shop")) {
            MBeanServerConnection jmxA = a.jmx();
            MBeanServerConnection jmxB = b.jmx();
            ObjectName payments = Jmx.breaker("payments");
            Jmx.awaitRegistered(jmxB, payments);

            redis.kill();
            a.awaitStderr("cluster: Redis redis://127.0.0.1:" + redis.port() + " is unreachable");
            ObjectName agent = Jmx.agent();
            ChildJvm.await("A to see the link down", () -> !((Boolean) Jmx.get(jmxA, agent, "ClusterConnected")));
            assertEquals("ok charged x 1", a.send("charge x 1"), "calls go on without Redis");
            a.send("fail on");
            a.send("charge x 1");
            a.send("charge x 1");
            awaitState(jmxA, payments, "OPEN"); // a local breaker still trips
            assertEquals("CLOSED", Jmx.state(jmxB, payments));

            redis.startAgain();
            a.awaitStderr("is back; namespace shop re-synced");
            awaitState(jmxB, payments, "OPEN"); // what opened during the outage is told again
            assertEquals(1, a.stderr().split("is unreachable", -1).length - 1, "one warning per outage");
        }
    }

    @Test
    void aWrongPasswordIsOneClearMessageNeverThePasswordAndTheApplicationRuns() throws Exception {
        try (RedisServer redis = RedisServer.start("s3cret");
             ChildJvm app = join(redis, "redis://:wrong-pw@127.0.0.1:" + redis.port(), "shop")) {
            app.awaitStderr("refused the credentials");
            assertEquals("ok charged x 1", app.send("charge x 1"));
            assertFalse(app.stderr().contains("wrong-pw"), app.stderr());
            assertTrue(app.stderr().contains("redis://***@127.0.0.1:" + redis.port()), app.stderr());
            MBeanServerConnection jmx = app.jmx();
            Jmx.awaitRegistered(jmx, Jmx.agent());
            assertEquals(false, Jmx.get(jmx, Jmx.agent(), "ClusterConnected"));
        }
    }
}
