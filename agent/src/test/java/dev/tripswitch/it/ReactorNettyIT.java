package dev.tripswitch.it;

import java.util.Arrays;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reactor Netty's {@code HttpClient} used directly, through the {@code reactor-netty} preset:
 * each subscription of a request is one call, judged on the status; and inside WebClient and
 * RestClient on Reactor Netty, whose presets cover it, it counts nothing.
 */
class ReactorNettyIT {
    private static final String BREAKERS = """
              - name: netty
                preset: reactor-netty
              - name: webclient
                preset: spring-webclient
              - name: rest
                preset: spring-restclient
            """;

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void responseSingleTripsRejectsAtOnceAndRecovers(Jdk jdk) throws Exception {
        try (TestHttpServer failing = new TestHttpServer(); TestHttpServer healthy = new TestHttpServer();
             ChildJvm app = PresetsIT.startWithClients(jdk, BREAKERS)) {
            failing.failing(true);
            for (int i = 0; i < 3; i++) {
                assertEquals("ok 503 status 503", app.send("reactor-netty single " + failing.url()));
            }
            int hits = failing.hits();
            long fastest = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                String rejected = app.send("reactor-netty single " + failing.url());
                // the error a refused connection gives: what the application's onErrorResume already handles
                assertTrue(rejected.startsWith("failure reactor.core.Exceptions$ReactiveException:"
                        + " java.net.ConnectException: circuit open: netty[" + failing.hostKey() + "], retry after "),
                        rejected);
                fastest = Math.min(fastest, Long.parseLong(rejected.replaceAll(".* took (\\d+) ms$", "$1")));
            }
            assertTrue(fastest < 5, "a rejected subscription fails at once, took " + fastest + " ms");
            assertEquals(hits, failing.hits(), "a rejected request must not reach the server");
            assertEquals("ok 200 status 200", app.send("reactor-netty single " + healthy.url()),
                    "another host has its own breaker");

            MBeanServerConnection jmx = app.jmx();
            ObjectName bad = Jmx.breaker("netty", failing.hostKey());
            Jmx.awaitRegistered(jmx, bad);
            assertEquals(3L, Jmx.get(jmx, bad, "TotalFailures"), "each request counts once");
            assertEquals(3L, Jmx.get(jmx, bad, "TotalRejected"));
            assertEquals("result: status.code >= 500 (was 503)", Jmx.get(jmx, bad, "LastFailure"));
            failing.failing(false);
            ChildJvm.await("HALF_OPEN", () -> "HALF_OPEN".equals(Jmx.state(jmx, bad)));
            assertEquals("ok 200 status 200", app.send("reactor-netty single " + failing.url()));
            assertEquals("CLOSED", Jmx.state(jmx, bad));
            assertFalse(app.stderr().contains("internal error"), app.stderr());
        }
    }

    /** {@code response()} and {@code responseContent()} on a base URL with a relative path: the same breaker, by host. */
    @Test
    void everyWayOfReadingTheResponseIsOneCallKeyedByHost() throws Exception {
        try (TestHttpServer failing = new TestHttpServer(); ChildJvm app = PresetsIT.startWithClients(Jdk.java17(),
                BREAKERS)) {
            failing.failing(true);
            assertEquals("ok 503", app.send("reactor-netty response " + failing.url()));
            assertEquals("ok status 503", app.send("reactor-netty content " + failing.url() + " /quotes"));
            assertEquals("ok 503", app.send("reactor-netty response " + failing.url()));
            String rejected = app.send("reactor-netty content " + failing.url() + " /quotes");
            assertTrue(rejected.contains("java.net.ConnectException: circuit open: netty[" + failing.hostKey() + "]"),
                    rejected);
            ObjectName bad = Jmx.breaker("netty", failing.hostKey());
            Jmx.awaitRegistered(app.jmx(), bad);
            assertEquals(3L, Jmx.get(app.jmx(), bad, "TotalFailures"));
        }
    }

    /** WebClient and RestClient drive Reactor Netty: their request is their call, never Reactor Netty's too. */
    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#modern")
    void insideWebClientAndRestClientItCountsNothing(Jdk jdk) throws Exception {
        try (TestHttpServer viaWebClient = new TestHttpServer(); TestHttpServer viaRestClient = new TestHttpServer();
             ChildJvm app = PresetsIT.startWithClients(jdk, BREAKERS)) {
            viaWebClient.failing(true);
            viaRestClient.failing(true);
            for (int i = 0; i < 3; i++) {
                assertTrue(app.send("webclient-get " + viaWebClient.url()).startsWith("failure "));
                assertTrue(app.send("restclient-get reactor " + viaRestClient.url()).startsWith("status 503"));
            }
            MBeanServerConnection jmx = app.jmx();
            ObjectName web = Jmx.breaker("webclient", viaWebClient.hostKey());
            ObjectName rest = Jmx.breaker("rest", viaRestClient.hostKey());
            Jmx.awaitRegistered(jmx, web);
            Jmx.awaitRegistered(jmx, rest);
            assertEquals(3L, Jmx.get(jmx, web, "TotalFailures"));
            assertEquals(3L, Jmx.get(jmx, rest, "TotalFailures"));
            String breakers = Arrays.toString((String[]) Jmx.get(jmx, Jmx.agent(), "Breakers"));
            assertFalse(breakers.contains("netty["), "Reactor Netty counted a request of WebClient or RestClient: "
                    + breakers);
            assertFalse(app.stderr().contains("internal error"), app.stderr());
        }
    }
}
