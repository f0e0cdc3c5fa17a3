package dev.tripswitch.it;

import java.nio.file.Path;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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
        return join(Jdk.java17(), redis, url, namespace);
    }

    private static ChildJvm join(Jdk jdk, RedisServer redis, String url, String namespace) throws Exception {
        Path rules = Env.rules(RULES.formatted(url == null ? redis.url() : url, namespace));
        return ChildJvm.start(jdk, rules).awaitReady();
    }

    private static void awaitState(MBeanServerConnection jmx, ObjectName breaker, String state) throws Exception {
        Jmx.awaitRegistered(jmx, breaker);
        ChildJvm.await(breaker + " to be " + state, () -> state.equals(Jmx.state(jmx, breaker)));
    }

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void aTripInOneJvmOpensTheBreakerEverywhereInItsNamespace(Jdk jdk) throws Exception {
        try (RedisServer redis = RedisServer.start(null);
             ChildJvm a = join(jdk, redis, null, "shop"); ChildJvm b = join(jdk, redis, null, "shop");
             ChildJvm other = join(jdk, redis, null, "elsewhere")) {
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

            try (ChildJvm late = join(jdk, redis, null, "shop")) {
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
            jmxA.invoke(payments, "forceOpen", null, null); // and so does forcing it open
            awaitState(jmxB, payments, "FORCED_OPEN");
            jmxA.invoke(payments, "reset", null, null);
            awaitState(jmxB, payments, "CLOSED");
            ObjectName agent = Jmx.agent();
            ChildJvm.await("A to count B as a peer", () -> ((Integer) Jmx.get(jmxA, agent, "ClusterPeers")) >= 1);
            assertTrue(Jmx.get(jmxA, Jmx.agent(), "ClusterLastSyncAt") != null);
        }
    }

    /**
     * Whoever can publish to the namespace's channel is bounded like local input: an open time
     * no longer than backoff.max, keys within maxKeys, a 20 MB reason refused and counted; and a
     * trials lease somebody left without an expiry still expires.
     */
    @Test
    void forgedMessagesAreBoundedAndALeaseWithoutExpiryStillExpires() throws Exception {
        String rules = """
                version: 1
                agent:
                  cluster: {redis: "%s", namespace: shop}
                defaults: {minimumCalls: 2, window: {type: count, size: 10}, openFor: 1s, backoff: {max: 2s},
                           halfOpen: {maxWait: 2s}}
                breakers:
                  - name: payments
                    match: {type: com.acme.PaymentsClient, methods: [charge]}
                  - name: orders
                    match: {type: com.acme.Orders, methods: [lookup]}
                    key: arg0
                    maxKeys: 100
                """;
        try (RedisServer redis = RedisServer.start(null);
             ChildJvm a = ChildJvm.start(Jdk.java17(), Env.rules(rules.formatted(redis.url()))).awaitReady();
             redis.clients.jedis.Jedis forger = new redis.clients.jedis.Jedis("127.0.0.1", redis.port())) {
            MBeanServerConnection jmx = a.jmx();
            ObjectName agent = Jmx.agent();
            ChildJvm.await("connected", () -> Boolean.TRUE.equals(Jmx.get(jmx, agent, "ClusterConnected")));
            String channel = "tripswitch:shop:events";
            ObjectName payments = Jmx.breaker("payments");
            Jmx.awaitRegistered(jmx, payments);
            ChildJvm.await("the forged OPEN applied", () -> { // published until the subscription hears it
                forger.publish(channel, "1\u001fOPEN\u001fforger\u001f1000000000000\u001fpayments\u001f31 years\u001fN");
                return "OPEN".equals(Jmx.state(jmx, payments));
            });
            long retryAfter = (Long) Jmx.get(jmx, payments, "RetryAfterMillis");
            assertTrue(retryAfter <= 2_000, "open no longer than backoff.max (2 s here), not 31 years: " + retryAfter);

            for (int i = 0; i < 300; i++) {
                forger.publish(channel, "1\u001fOPEN\u001fforger\u001f60000\u001forders\u001fdown\u001fKuser-" + i);
            }
            forger.publish(channel, "1\u001fOPEN\u001fforger\u001f60000\u001forders\u001f" + "x".repeat(20_000_000)
                    + "\u001fKbig");
            ChildJvm.await("the forged messages counted", () -> ((Long) Jmx.get(jmx, agent, "ClusterMessagesRefused")) >= 201);
            long orders = java.util.Arrays.stream((String[]) Jmx.get(jmx, Jmx.agent(), "Breakers"))
                    .filter(b -> b.startsWith("orders[")).count();
            assertTrue(orders <= 100, "keys from peers stay within maxKeys: " + orders);
            assertTrue(a.stderr().length() < 1_000_000, "nothing of the 20 MB reached the log");
            assertEquals(1, a.stderr().lines().filter(l -> l.contains("news of more keys")).count(), a.stderr());

            // a lease with no expiry, as a hand or a foreign tool might leave it: the JVM gives it one
            forger.set("tripswitch:shop:trials:payments\u001f", "ghost");
            awaitState(jmx, payments, "HALF_OPEN");
            long deadline = System.nanoTime() + 15_000_000_000L;
            boolean trial = false;
            while (!trial && System.nanoTime() < deadline) {
                trial = a.send("charge x 1").startsWith("ok");
                Thread.sleep(100);
            }
            assertTrue(trial, "the stuck lease expired (maxWait 2 s) and this JVM ran the trial");
        }
    }

    @Test
    void oneJvmOfTheNamespaceRunsTheTrialsAndItsVerdictReachesTheOthers() throws Exception {
        String rules = RULES.replace("openFor: 1m}", "openFor: 1s, halfOpen: {calls: 1, successes: 3, maxWait: 30s}}");
        try (RedisServer redis = RedisServer.start(null);
             ChildJvm a = ChildJvm.start(Jdk.java17(), Env.rules(rules.formatted(redis.url(), "shop"))).awaitReady();
             ChildJvm b = ChildJvm.start(Jdk.java17(), Env.rules(rules.formatted(redis.url(), "shop"))).awaitReady()) {
            ObjectName payments = Jmx.breaker("payments");
            MBeanServerConnection jmxA = a.jmx();
            MBeanServerConnection jmxB = b.jmx();
            a.send("fail on");
            a.send("charge x 1");
            a.send("charge x 1");
            awaitState(jmxB, payments, "OPEN");
            a.send("fail off");
            awaitState(jmxA, payments, "HALF_OPEN");
            awaitState(jmxB, payments, "HALF_OPEN");

            ChildJvm holder = null;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (holder == null && System.nanoTime() < deadline) { // the JVM that took the round lets a call through
                if (a.send("charge x 1").startsWith("ok")) {
                    holder = a;
                } else if (b.send("charge x 1").startsWith("ok")) {
                    holder = b;
                } else {
                    Thread.sleep(50);
                }
            }
            assertTrue(holder != null, "one JVM runs the trials");
            ChildJvm other = holder == a ? b : a;
            String entered = other.send("entered");
            for (int i = 0; i < 3; i++) {
                assertTrue(other.send("charge x 1").contains("circuit open: payments"),
                        "the other JVM sends no trial while the holder runs them");
            }
            assertEquals(entered, other.send("entered"), "no trial call left the other JVM");
            holder.send("charge x 1");
            holder.send("charge x 1"); // three successful trials: the holder closes, and says so
            awaitState(holder.jmx(), payments, "CLOSED");
            awaitState(other.jmx(), payments, "CLOSED");
            assertEquals("ok charged x 1", other.send("charge x 1"));
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
    void redisUnreachableAtStartIsOneWarningAndTheLinkComesUpWhenRedisDoes() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (ChildJvm app = ChildJvm.start(Jdk.java17(), Env.rules(RULES.formatted("redis://127.0.0.1:" + port, "shop")))
                .awaitReady()) {
            app.awaitStderr("cluster: Redis redis://127.0.0.1:" + port + " is unreachable");
            assertEquals("ok charged x 1", app.send("charge x 1"), "the application starts and runs without Redis");
            try (RedisServer redis = RedisServer.onPort(port)) {
                app.awaitStderr("is back; namespace shop re-synced");
                MBeanServerConnection jmx = app.jmx();
                ObjectName agent = Jmx.agent();
                Jmx.awaitRegistered(jmx, agent);
                ChildJvm.await("the link to be up", () -> (Boolean) Jmx.get(jmx, agent, "ClusterConnected"));
            }
            assertEquals(1, app.stderr().split("is unreachable", -1).length - 1, "one warning, however many retries");
        }
    }

    @Test
    void aRedisThatSpeaksOnlyTlsIsReachedThroughRediss() throws Exception {
        try (RedisServer redis = RedisServer.startTls()) {
            Path rules = Env.rules(RULES.formatted(redis.url(), "shop"));
            try (ChildJvm a = ChildJvm.start(Jdk.java17(), rules.toString(), "com.acme.TargetApp", java.util.List.of(),
                    redis.trustOptions()).awaitReady();
                 ChildJvm b = ChildJvm.start(Jdk.java17(), rules.toString(), "com.acme.TargetApp", java.util.List.of(),
                         redis.trustOptions()).awaitReady()) {
                a.awaitStderr("cluster: connected to Redis rediss://127.0.0.1:" + redis.port());
                a.send("fail on");
                a.send("charge x 1");
                a.send("charge x 1");
                awaitState(b.jmx(), Jmx.breaker("payments"), "OPEN");
            }
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

    /** Without {@code agent.cluster}, the Redis client in the jar is never loaded: a feature that is off costs nothing. */
    @Test
    void withoutAClusterTheRedisClientIsNeverLoaded() throws Exception {
        Path rules = Env.rules("""
                version: 1
                breakers:
                  - name: payments
                    match: {type: com.acme.PaymentsClient, methods: [charge]}
                """);
        Path classes = java.nio.file.Files.createTempFile(Path.of("target"), "classes-", ".log");
        try (ChildJvm app = ChildJvm.start(Jdk.java17(), rules.toString(), "com.acme.TargetApp", java.util.List.of(),
                java.util.List.of("-Xlog:class+load=info:file=" + classes + "::filecount=0")).awaitReady()) {
            assertEquals("ok charged a 1", app.send("charge a 1"));
            MBeanServerConnection jmx = app.jmx();
            Jmx.awaitRegistered(jmx, Jmx.breaker("payments"));
            assertEquals(false, Jmx.get(jmx, Jmx.agent(), "ClusterConnected"));
        }
        String loaded = java.nio.file.Files.readString(classes);
        assertTrue(loaded.contains("dev.tripswitch.agent.AgentStarter"), "the log lists the agent's classes");
        assertFalse(loaded.contains("dev.tripswitch.shaded.redis") || loaded.contains("dev.tripswitch.cluster.")
                || loaded.contains("dev.tripswitch.shaded.org.slf4j"), "no class of the cluster was loaded");
    }
}
