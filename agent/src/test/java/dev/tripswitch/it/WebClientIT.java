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
 * Reactor: Spring's WebClient through the {@code spring-webclient} preset, and the
 * application's own methods returning a Mono or a Flux, each subscription a call.
 */
class WebClientIT {
    private static final String BREAKERS = """
              - name: webclient
                preset: spring-webclient
              - name: quotes
                match: {type: com.acme.ReactiveQuotes, methods: [quoteMono, ticker]}
              - name: stalled
                match: {type: com.acme.ReactiveQuotes, methods: [stalledQuote]}
                timeout: 300ms
            """;

    private static ChildJvm start(Jdk jdk) throws Exception {
        return PresetsIT.startWithClients(jdk, BREAKERS);
    }

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#modern")
    void webClientRetrieveTripsAndBlockThrowsAtOnce(Jdk jdk) throws Exception {
        try (TestHttpServer failing = new TestHttpServer(); TestHttpServer healthy = new TestHttpServer();
             ChildJvm app = start(jdk)) {
            failing.failing(true);
            for (int i = 0; i < 3; i++) {
                String r = app.send("webclient-get " + failing.url());
                assertTrue(r.startsWith("failure org.springframework.web.reactive.function.client."
                        + "WebClientResponseException$ServiceUnavailable"), r);
            }
            int hits = failing.hits();
            long fastest = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                String rejected = app.send("webclient-get " + failing.url());
                // what onErrorResume and catch (WebClientException e) handle, as for a refused connection
                assertTrue(rejected.startsWith("failure org.springframework.web.reactive.function.client."
                        + "WebClientRequestException: circuit open: webclient[" + failing.hostKey() + "]"), rejected);
                assertTrue(rejected.contains(" <- java.net.ConnectException: circuit open: webclient["
                        + failing.hostKey() + "], retry after "), rejected);
                fastest = Math.min(fastest, Long.parseLong(rejected.replaceAll(".* took (\\d+) ms$", "$1")));
            }
            assertTrue(fastest < 5, "block() on a rejected call throws at once, took " + fastest + " ms");
            assertEquals(hits, failing.hits(), "a rejected request must not reach the server");
            assertEquals("ok 200", app.send("webclient-get " + healthy.url()), "another host has its own breaker");

            MBeanServerConnection jmx = app.jmx();
            ObjectName bad = Jmx.breaker("webclient", failing.hostKey());
            Jmx.awaitRegistered(jmx, bad);
            assertEquals(3L, Jmx.get(jmx, bad, "TotalFailures"), "each request counts once");
            assertEquals(5L, Jmx.get(jmx, bad, "TotalRejected"));
            failing.failing(false);
            ChildJvm.await("HALF_OPEN", () -> "HALF_OPEN".equals(Jmx.state(jmx, bad)));
            assertEquals("ok 200", app.send("webclient-get " + failing.url()));
            assertEquals("CLOSED", Jmx.state(jmx, bad));
            assertFalse(app.stderr().contains("internal error"), app.stderr());
        }
    }

    /** A request error (connection refused) is a failure: WebClientRequestException trips the breaker. */
    @Test
    void requestErrorsAreFailures() throws Exception {
        TestHttpServer.Refused gone = TestHttpServer.refused();
        String url = gone.url();
        String key = gone.hostKey();
        try (ChildJvm app = start(Jdk.java17())) {
            for (int i = 0; i < 3; i++) {
                String r = app.send("webclient-get " + url);
                assertTrue(r.startsWith("failure org.springframework.web.reactive.function.client."
                        + "WebClientRequestException"), r);
            }
            String rejected = app.send("webclient-get " + url);
            assertTrue(rejected.contains("circuit open: webclient[" + key + "]"), rejected);
        }
    }

    /** exchangeToMono never turns a 5xx into an exception: the status is judged all the same. */
    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#modern")
    void exchangeToMonoIsJudgedOnTheStatus(Jdk jdk) throws Exception {
        try (TestHttpServer failing = new TestHttpServer(); ChildJvm app = start(jdk)) {
            failing.failing(true);
            for (int i = 0; i < 3; i++) {
                assertEquals("ok 503", app.send("webclient-exchange " + failing.url()));
            }
            String rejected = app.send("webclient-exchange " + failing.url());
            assertTrue(rejected.contains("circuit open: webclient[" + failing.hostKey() + "]"), rejected);
            ObjectName bad = Jmx.breaker("webclient", failing.hostKey());
            Jmx.awaitRegistered(app.jmx(), bad);
            assertEquals("result: statusCode.value >= 500 (was 503)", Jmx.get(app.jmx(), bad, "LastFailure"));
        }
    }

    /** The application's own Mono: one method call subscribed three times is three calls; then rejected. */
    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void eachSubscriptionOfTheApplicationsMonoIsACall(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk)) {
            String r = app.send("quote-mono ACME 5");
            assertTrue(r.matches("ok( +no quote for ACME){3}( +circuit open: quotes, retry after \\d+ ms){2}"), r);
            MBeanServerConnection jmx = app.jmx();
            ObjectName quotes = Jmx.breaker("quotes");
            Jmx.awaitRegistered(jmx, quotes);
            assertEquals(3L, Jmx.get(jmx, quotes, "TotalFailures"));
            assertEquals(2L, Jmx.get(jmx, quotes, "TotalRejected"));
        }
    }

    /** With the rule's timeout, a Mono that never signals fails with TimeoutException at the timeout, a failure. */
    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void aStalledMonoTimesOut(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk)) {
            String r = app.send("stalled-quote ACME");
            assertTrue(r.startsWith("failure reactor.core.Exceptions$ReactiveException: java.util.concurrent.TimeoutException:"
                    + " timeout: stalled did not complete within 300 ms"), r);
            long after = Long.parseLong(r.replaceAll(".*\\| after (\\d+) ms$", "$1"));
            assertTrue(after >= 250 && after < 5000, "ended at the timeout: " + after);
            MBeanServerConnection jmx = app.jmx();
            ObjectName stalled = Jmx.breaker("stalled");
            Jmx.awaitRegistered(jmx, stalled);
            assertEquals(1L, Jmx.get(jmx, stalled, "TotalFailures"), "the timeout is a failure");
        }
    }

    /** A cancelled subscription (take(2) of an endless Flux) counts neither way. */
    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void aCancelledSubscriptionCountsNeitherWay(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk)) {
            assertEquals("ok 2", app.send("ticker"));
            MBeanServerConnection jmx = app.jmx();
            ObjectName quotes = Jmx.breaker("quotes");
            Jmx.awaitRegistered(jmx, quotes);
            ChildJvm.await("the cancel recorded", () -> Long.valueOf(1).equals(Jmx.get(jmx, quotes, "TotalIgnored")));
            assertEquals(0L, Jmx.get(jmx, quotes, "TotalFailures"));
            assertEquals(0L, Jmx.get(jmx, quotes, "TotalSuccesses"));
        }
    }
}
