package dev.tripswitch.it;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Apache HttpClient 4.5 and HttpAsyncClient 4.1 through the {@code apache-httpclient4} preset,
 * and Commons HttpClient 3.1 through a rule of the user's own, on Java 11, 17 and 25: each call
 * style trips on 503s, rejects without reaching the server with what its callers handle, and
 * recovers.
 */
class ApacheHttpClient4IT {
    private static final String RULES = """
            version: 1
            defaults:
              minimumCalls: 3
              window: {type: count, size: 10}
              openFor: 1s
              halfOpen: {calls: 1, successes: 1, maxWait: 30s}
            breakers:
              - name: hc4
                preset: apache-httpclient4
            """;

    /**
     * Commons HttpClient 3.1, whose class files are Java 1.2's (version 46: no stack map frames,
     * the oldest bytecode a rule meets), guarded by a rule of the user's own: woven, verified as
     * the JVM verifies every application class, tripped on 503s keyed by host, rejected with the
     * rule's exception, recovered.
     */
    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void commonsHttpClient3WithARuleOfItsOwn(Jdk jdk) throws Exception {
        String rules = """
                version: 1
                defaults: {minimumCalls: 3, window: {type: count, size: 10}, openFor: 1s, halfOpen: {calls: 1, successes: 1}}
                breakers:
                  - name: legacy-http
                    match: {type: org.apache.commons.httpclient.HttpClient, methods: [executeMethod]}
                    key: host
                    failOn: {exceptions: [java.io.IOException], result: "it >= 500"}
                    whenOpen: {throw: java.net.ConnectException}
                """;
        try (TestHttpServer server = new TestHttpServer();
             ChildJvm app = ChildJvm.start(jdk, Env.rules(rules).toString(), "com.acme.TargetApp", legacyLibs(),
                     java.util.List.of()).awaitReady()) {
            server.failing(true);
            for (int i = 0; i < 3; i++) {
                assertEquals("ok 503", app.send("hc3-get " + server.url()));
            }
            int hits = server.hits();
            String rejected = app.send("hc3-get " + server.url());
            assertTrue(rejected.startsWith("failure java.net.ConnectException: circuit open: legacy-http["
                    + server.hostKey() + "], retry after "), rejected);
            assertEquals(hits, server.hits(), "a rejected request must not reach the server");
            MBeanServerConnection jmx = app.jmx();
            ObjectName breaker = Jmx.breaker("legacy-http", server.hostKey());
            Jmx.awaitRegistered(jmx, breaker);
            assertEquals(3L, Jmx.get(jmx, breaker, "TotalFailures"), "the nested executeMethod overloads count once");
            server.failing(false);
            ChildJvm.await("HALF_OPEN", () -> "HALF_OPEN".equals(Jmx.state(jmx, breaker)));
            assertEquals("ok 200", app.send("hc3-get " + server.url()));
            assertEquals("CLOSED", Jmx.state(jmx, breaker));
            assertFalse(app.stderr().contains("internal error") || app.stderr().contains("VerifyError"), app.stderr());
        }
    }

    /** An older service's class path: HttpClient 4 and HttpAsyncClient 4 with their commons-logging, no Spring. */
    private static java.util.List<String> legacyLibs() throws java.io.IOException {
        return PresetsIT.libs("tripswitch.legacyLibs", "target/legacy-libs");
    }

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void everyCallStyleTripsRejectsAndRecovers(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.start(jdk, Env.rules(RULES).toString(), "com.acme.TargetApp", legacyLibs(),
                java.util.List.of()).awaitReady()) {
            MBeanServerConnection jmx = app.jmx();
            check(app, jmx, "hc4-get", "ok 503", "ok 200",
                    "failure java.net.ConnectException: circuit open: hc4[%s], retry after ");
            check(app, jmx, "hc4-handler", "failure org.apache.http.client.HttpResponseException: status code: 503,"
                    + " reason phrase: Service Unavailable", "ok status 200",
                    "failure java.net.ConnectException: circuit open: hc4[%s], retry after ");
            check(app, jmx, "hc4-async", "ok 503", "ok 200",
                    "failure java.net.ConnectException: circuit open: hc4[%s], retry after ");
            check(app, jmx, "hc4-async-future", "ok 503", "ok 200",
                    "failure java.net.ConnectException: circuit open: hc4[%s], retry after ");
            assertFalse(app.stderr().contains("internal error"), app.stderr());
        }
    }

    private static void check(ChildJvm app, MBeanServerConnection jmx, String command, String failed, String healthy,
                              String rejected) throws Exception {
        try (TestHttpServer server = new TestHttpServer()) {
            server.failing(true);
            for (int i = 0; i < 3; i++) {
                assertEquals(failed, app.send(command + " " + server.url()), command);
            }
            int hits = server.hits();
            String r = app.send(command + " " + server.url());
            assertTrue(r.startsWith(rejected.formatted(server.hostKey())), command + ": " + r);
            assertEquals(hits, server.hits(), command + ": a rejected request must not reach the server");
            ObjectName breaker = Jmx.breaker("hc4", server.hostKey());
            Jmx.awaitRegistered(jmx, breaker);
            assertEquals(3L, Jmx.get(jmx, breaker, "TotalFailures"), command + ": each request counts once");
            assertEquals("result: statusLine.statusCode >= 500 (was 503)", Jmx.get(jmx, breaker, "LastFailure"), command);
            server.failing(false);
            ChildJvm.await("HALF_OPEN", () -> "HALF_OPEN".equals(Jmx.state(jmx, breaker)));
            assertEquals(healthy, app.send(command + " " + server.url()), command);
            assertEquals("CLOSED", Jmx.state(jmx, breaker), command);
        }
    }
}
