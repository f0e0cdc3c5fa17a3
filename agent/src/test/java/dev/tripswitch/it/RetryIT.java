package dev.tripswitch.it;

import java.util.List;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code retry:} as users meet it, against a server that resets the first requests: each
 * attempt reaches the server and passes the breaker; idempotent requests are retried and a
 * POST is not; an open breaker ends the retries at once with its rejection; futures and
 * Reactor publishers retry without blocking; JDBC retries getting a connection only.
 */
class RetryIT {

    private static ChildJvm start(Jdk jdk, String breakers) throws Exception {
        return PresetsIT.startWithClients(jdk, breakers);
    }

    /** The keyed breaker's MBean, once the agent registered it. */
    private static ObjectName registered(MBeanServerConnection jmx, String name, String key) throws Exception {
        ObjectName breaker = Jmx.breaker(name, key);
        Jmx.awaitRegistered(jmx, breaker);
        return breaker;
    }

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void aFailedGetIsRetriedThroughTheBreakerAndAPostIsNot(Jdk jdk) throws Exception {
        try (DroppingHttpServer server = new DroppingHttpServer(); ChildJvm app = start(jdk, """
                  - name: api
                    preset: jdk-http-client
                    consecutiveFailures: 0
                    failureRate: 100
                    retry: {attempts: 3, delay: 50ms, multiplier: 2}
                """)) {
            server.cutOff(2);
            assertEquals("ok 200", app.send("jdk-get " + server.url()), "the third attempt succeeds");
            assertEquals(List.of("GET", "GET", "GET"), server.requests(), "every attempt reached the server");
            MBeanServerConnection jmx = app.jmx();
            ObjectName api = registered(jmx, "api", server.hostKey());
            assertEquals(2L, Jmx.get(jmx, api, "TotalRetries"));
            assertEquals(2L, Jmx.get(jmx, api, "TotalFailures"), "each attempt is a call of the breaker");
            assertEquals(1L, Jmx.get(jmx, api, "TotalSuccesses"));

            server.cutOff(1);
            String post = app.send("jdk-post " + server.url());
            assertTrue(post.startsWith("error java.io.IOException"), "a POST is not repeated: " + post);
            assertEquals(4, server.requests().size(), server.requests().toString());
            assertEquals(2L, Jmx.get(jmx, api, "TotalRetries"));

            server.cutOff(5);
            String spent = app.send("jdk-get " + server.url());
            assertTrue(spent.startsWith("error java.io.IOException"), "the last failure once attempts are used up: " + spent);
            assertEquals(7, server.requests().size(), "3 attempts: " + server.requests());
            assertEquals(4L, Jmx.get(jmx, api, "TotalRetries"));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void anOpenBreakerEndsTheRetriesAtOnce(Jdk jdk) throws Exception {
        try (DroppingHttpServer server = new DroppingHttpServer(); ChildJvm app = start(jdk, """
                  - name: api
                    preset: jdk-http-client
                    consecutiveFailures: 2
                    openFor: 1m
                    retry: {attempts: 5, delay: 200ms, multiplier: 20}
                """)) {
            server.cutOff(10);
            String answer = app.send("timed jdk-get " + server.url());
            assertTrue(answer.startsWith("error java.net.ConnectException: circuit open: api[" + server.hostKey() + "]"),
                    "the attempt after the trip is rejected: " + answer);
            long ms = Long.parseLong(answer.replaceAll(".*\\| in (\\d+) ms$", "$1"));
            assertTrue(ms < 3_000, "one 200 ms wait, then no wait on the open breaker (the next would be 4 s): " + ms);
            assertEquals(2, server.requests().size(), "the rejected attempt never reached the server");
            MBeanServerConnection jmx = app.jmx();
            ObjectName api = registered(jmx, "api", server.hostKey());
            assertEquals("OPEN", Jmx.state(jmx, api));
            assertEquals(1L, Jmx.get(jmx, api, "TotalRejected"));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void aFutureIsRetriedWithoutBlocking(Jdk jdk) throws Exception {
        try (DroppingHttpServer server = new DroppingHttpServer(); ChildJvm app = start(jdk, """
                  - name: api
                    preset: jdk-http-client
                    consecutiveFailures: 0
                    retry: {attempts: 4, delay: 50ms}
                """)) {
            server.cutOff(2);
            assertEquals("ok 200", app.send("jdk-async " + server.url()));
            assertEquals(3, server.requests().size(), server.requests().toString());
            MBeanServerConnection jmx = app.jmx();
            ObjectName api = registered(jmx, "api", server.hostKey());
            assertEquals(2L, Jmx.get(jmx, api, "TotalRetries"));
            assertEquals(2L, Jmx.get(jmx, api, "TotalFailures"));
            assertEquals(1L, Jmx.get(jmx, api, "TotalSuccesses"));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#modern")
    void aWebClientRequestIsResubscribed(Jdk jdk) throws Exception {
        try (DroppingHttpServer server = new DroppingHttpServer(); ChildJvm app = start(jdk, """
                  - name: web
                    preset: spring-webclient
                    consecutiveFailures: 0
                    retry: {attempts: 3, delay: 50ms}
                """)) {
            server.drop(2);
            String answer = app.send("webclient-get " + server.url());
            assertTrue(answer.startsWith("ok"), answer);
            assertEquals(3, server.requests().size(), server.requests().toString());
            MBeanServerConnection jmx = app.jmx();
            ObjectName web = registered(jmx, "web", server.hostKey());
            assertEquals(2L, Jmx.get(jmx, web, "TotalRetries"));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void aRuleMayRetryEveryMethodAndHttpClient5IsRetriedToo(Jdk jdk) throws Exception {
        try (DroppingHttpServer server = new DroppingHttpServer(); ChildJvm app = start(jdk, """
                  - name: api
                    preset: jdk-http-client
                    consecutiveFailures: 0
                    failureRate: 100
                    retry: {attempts: 2, delay: 10ms, idempotentOnly: false}
                  - name: hc5
                    preset: apache-httpclient5
                    consecutiveFailures: 0
                    failureRate: 100
                    retry: {attempts: 3, delay: 10ms}
                """)) {
            server.cutOff(1);
            assertEquals("ok 200", app.send("jdk-post " + server.url()), "idempotentOnly: false repeats a POST");
            assertEquals(List.of("POST", "POST"), server.requests());

            server.drop(2); // HttpClient 5 repeats a request that got no response once by itself; then the rule's retry
            assertEquals("ok 200", app.send("apache-get " + server.url()));
            MBeanServerConnection jmx = app.jmx();
            ObjectName hc5 = registered(jmx, "hc5", server.hostKey());
            long retries = (Long) Jmx.get(jmx, hc5, "TotalRetries");
            assertTrue(retries >= 1, "the rule retried what the client gave up on: " + retries);
            assertEquals(retries, Jmx.get(jmx, hc5, "TotalFailures"), "every failed attempt was retried");
            assertEquals(1L, Jmx.get(jmx, hc5, "TotalSuccesses"));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void jdbcRetriesGettingAConnectionNeverAStatement(Jdk jdk) throws Exception {
        org.h2.tools.Server h2 = org.h2.tools.Server.createTcpServer("-tcpPort", "0", "-tcpAllowOthers", "-ifNotExists")
                .start();
        int refusedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            refusedPort = s.getLocalPort();
        }
        try (ChildJvm app = start(jdk, """
                  - name: db
                    preset: jdbc
                    consecutiveFailures: 0
                    failureRate: 100
                    retry: {attempts: 3, delay: 10ms}
                """)) {
            String down = app.send("jdbc jdbc:h2:tcp://127.0.0.1:" + refusedPort + "/mem:shop sa - select 1");
            assertTrue(down.startsWith("error org.h2.jdbc.JdbcSQLNonTransientConnectionException"), down);
            MBeanServerConnection jmx = app.jmx();
            ObjectName refused = registered(jmx, "db", "127.0.0.1:" + refusedPort);
            assertEquals(2L, Jmx.get(jmx, refused, "TotalRetries"), "connecting was tried 3 times");
            assertEquals(3L, Jmx.get(jmx, refused, "TotalFailures"));

            String url = "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/mem:shop";
            String divide = app.send("jdbc " + url + " sa - select 1/0");
            assertTrue(divide.startsWith("error org.h2.jdbc.JdbcSQLDataException"), divide);
            ObjectName up = registered(jmx, "db", "127.0.0.1:" + h2.getPort());
            assertEquals(1L, Jmx.get(jmx, up, "TotalFailures"), "the statement failed once");
            assertEquals(0L, Jmx.get(jmx, up, "TotalRetries"), "a statement is never repeated");
        } finally {
            h2.stop();
        }
    }
}
