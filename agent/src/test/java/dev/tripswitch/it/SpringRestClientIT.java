package dev.tripswitch.it;

import java.util.Arrays;
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
 * Spring's RestClient and RestTemplate through the {@code spring-restclient} preset, on every
 * request factory Spring Boot picks, with the presets of the clients underneath on too: one
 * request is one call of the Spring rule, and a client timeout (the factory cancelling its
 * request) is a failure.
 */
class SpringRestClientIT {
    private static final String BREAKERS = """
              - name: rest
                preset: spring-restclient
              - name: jdk
                preset: jdk-http-client
              - name: url
                preset: http-url-connection
              - name: apache
                preset: apache-httpclient5
            """;
    private static final List<String> FACTORIES = List.of("jdk", "reactor", "hc5", "jetty", "simple");

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#modern")
    void everyRequestFactoryTripsOncePerRequestAndRejectsAsSpringsCallersExpect(Jdk jdk) throws Exception {
        try (ChildJvm app = PresetsIT.startWithClients(jdk, BREAKERS)) {
            MBeanServerConnection jmx = app.jmx();
            for (String factory : FACTORIES) {
                String command = factory.equals("simple") ? "resttemplate-get" : "restclient-get";
                try (TestHttpServer failing = new TestHttpServer(); TestHttpServer healthy = new TestHttpServer()) {
                    failing.failing(true);
                    for (int i = 0; i < 3; i++) {
                        String r = app.send(command + " " + factory + " " + failing.url());
                        assertTrue(r.startsWith("status 503"), factory + ": " + r);
                    }
                    int hits = failing.hits();
                    String rejected = app.send(command + " " + factory + " " + failing.url());
                    assertTrue(rejected.startsWith("failure org.springframework.web.client.ResourceAccessException"
                            + " caused by java.net.ConnectException: circuit open: rest[" + failing.hostKey()
                            + "], retry after "), factory + ": " + rejected);
                    long took = Long.parseLong(rejected.replaceAll(".* took (\\d+) ms$", "$1"));
                    assertTrue(took < 50, factory + ": a rejection is fast, took " + took + " ms");
                    assertEquals(hits, failing.hits(), factory + ": a rejected request must not reach the server");
                    assertTrue(app.send(command + " " + factory + " " + healthy.url()).startsWith("ok 200"),
                            factory + ": another host has its own breaker");

                    String breakers = Arrays.toString((String[]) Jmx.get(jmx, Jmx.agent(), "Breakers"));
                    assertTrue(breakers.contains("rest[" + failing.hostKey() + "] OPEN"), factory + ": " + breakers);
                    for (String inner : List.of("jdk", "url", "apache")) {
                        assertFalse(breakers.contains(inner + "[" + failing.hostKey() + "]"),
                                factory + ": the client underneath counted the request again: " + breakers);
                    }
                    ObjectName bad = Jmx.breaker("rest", failing.hostKey());
                    Jmx.awaitRegistered(jmx, bad);
                    assertEquals(3L, Jmx.get(jmx, bad, "TotalFailures"), factory + ": each request counts once");
                    assertEquals(1L, Jmx.get(jmx, bad, "TotalRejected"), factory);

                    failing.failing(false);
                    ChildJvm.await("HALF_OPEN", () -> "HALF_OPEN".equals(Jmx.state(jmx, bad)));
                    assertTrue(app.send(command + " " + factory + " " + failing.url()).startsWith("ok 200"), factory);
                    assertEquals("CLOSED", Jmx.state(jmx, bad), factory + ": recovers after one trial");
                }
            }
            assertFalse(app.stderr().contains("internal error"), app.stderr());
        }
    }

    /**
     * {@code suggest} on an application that calls through RestClient on the JDK factory proposes
     * the Spring preset for that host, and not the JDK client's as well: the request is one call.
     */
    @Test
    void suggestProposesTheSpringPresetForRestClientCalls() throws Exception {
        try (TestHttpServer server = new TestHttpServer();
             ChildJvm app = ChildJvm.start(Jdk.java17(), Env.rules("version: 1\nagent: {discover: true}\nbreakers: []\n")
                     .toString(), "com.acme.TargetApp", PresetsIT.clientLibs(), List.of()).awaitReady()) {
            for (int i = 0; i < 5; i++) {
                assertTrue(app.send("restclient-get jdk " + server.url()).startsWith("ok 200"));
            }
            MBeanServerConnection jmx = app.jmx();
            ObjectName agent = Jmx.agent();
            ChildJvm.await("a suggestion", () -> {
                Object s = Jmx.get(jmx, agent, "SuggestedRules");
                return s != null && ((String) s).contains("preset: spring-restclient");
            });
            String suggested = (String) Jmx.get(jmx, agent, "SuggestedRules");
            assertFalse(suggested.contains("preset: jdk-http-client"), "the JDK client's calls were the Spring request's: "
                    + suggested);
            assertTrue(suggested.contains(server.hostKey()), suggested);
        }
    }

    /** A stalled server: each factory's read timeout (2 s) is a failure, and the breaker then rejects at once. */
    @Test
    void aReadTimeoutIsAFailureOnEveryFactory() throws Exception {
        try (ChildJvm app = PresetsIT.startWithClients(Jdk.java17(), BREAKERS)) {
            for (String factory : List.of("jdk", "reactor")) {
                try (TestHttpServer stalled = new TestHttpServer()) {
                    stalled.stalling(true);
                    for (int i = 0; i < 3; i++) {
                        String r = app.send("restclient-get " + factory + " " + stalled.url());
                        assertTrue(r.startsWith("failure org.springframework.web.client.ResourceAccessException"), r);
                    }
                    String rejected = app.send("restclient-get " + factory + " " + stalled.url());
                    assertTrue(rejected.contains("circuit open: rest[" + stalled.hostKey() + "]"), factory + ": " + rejected);
                    stalled.stalling(false);
                }
            }
        }
    }

    /**
     * The JDK client's own preset alone: Spring's JDK factory cancels the {@code sendAsync}
     * future when its read timeout fires. A call cancelled after 2 s in flight is a failure,
     * so the breaker opens after three, and rejects the fourth at once.
     */
    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#modern")
    void aRequestTheClientCancelsAtItsTimeoutIsAFailure(Jdk jdk) throws Exception {
        try (ChildJvm app = PresetsIT.startWithClients(jdk, """
                  - name: jdk
                    preset: jdk-http-client
                """); TestHttpServer stalled = new TestHttpServer()) {
            stalled.stalling(true);
            for (int i = 0; i < 3; i++) {
                String r = app.send("restclient-get jdk " + stalled.url());
                assertTrue(r.startsWith("failure org.springframework.web.client.ResourceAccessException caused by"
                        + " java.net.http.HttpTimeoutException"), r);
            }
            MBeanServerConnection jmx = app.jmx();
            ObjectName bad = Jmx.breaker("jdk", stalled.hostKey());
            ChildJvm.await("OPEN", () -> "OPEN".equals(Jmx.state(jmx, bad)));
            assertTrue(((String) Jmx.get(jmx, bad, "LastFailure")).startsWith("cancelled after "),
                    (String) Jmx.get(jmx, bad, "LastFailure"));
            String rejected = app.send("restclient-get jdk " + stalled.url());
            assertTrue(rejected.contains("circuit open: jdk[" + stalled.hostKey() + "]"), rejected);
            long took = Long.parseLong(rejected.replaceAll(".* took (\\d+) ms$", "$1"));
            assertTrue(took < 50, "rejected at once, took " + took + " ms");
            stalled.stalling(false);
        }
    }
}
