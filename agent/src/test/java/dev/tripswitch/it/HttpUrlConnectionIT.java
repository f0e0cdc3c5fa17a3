package dev.tripswitch.it;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One request over {@code HttpURLConnection} counts once, whatever the application reads of
 * it (status, each header, body, error body): {@code getHeaderField} and friends re-enter the
 * woven {@code getInputStream}, and each read used to count as a call of its own, so a single
 * 500 reached "5 consecutive failures". Plain HttpURLConnection and Spring's RestTemplate.
 */
class HttpUrlConnectionIT {
    private static final String RULES = """
            version: 1
            defaults:
              minimumCalls: 10
              consecutiveFailures: 3
              window: {type: count, size: 20}
            breakers:
              - name: legacy-http
                preset: http-url-connection
            """;

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void readingEverythingOfOneResponseCountsOnce(Jdk jdk) throws Exception {
        check(jdk, "url-read-all", "503 null 10");
    }

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#modern")
    void restTemplateRequestsCountOnce(Jdk jdk) throws Exception {
        check(jdk, "rest-get", "503 ServiceUnavailable");
    }

    private static void check(Jdk jdk, String command, String failedAnswer) throws Exception {
        try (TestHttpServer failing = new TestHttpServer(); TestHttpServer healthy = new TestHttpServer();
             ChildJvm app = ChildJvm.start(jdk, Env.rules(RULES).toString(), "com.acme.TargetApp",
                     PresetsIT.clientLibs(), java.util.List.of()).awaitReady()) {
            for (int i = 0; i < 4; i++) {
                assertTrue(app.send(command + " " + healthy.url()).startsWith("ok 200 "));
            }
            failing.failing(true);
            for (int i = 0; i < 2; i++) {
                assertTrue(app.send(command + " " + failing.url()).startsWith("ok " + failedAnswer.split(" ")[0]));
            }
            MBeanServerConnection jmx = app.jmx();
            ObjectName bad = Jmx.breaker("legacy-http", failing.hostKey());
            ObjectName good = Jmx.breaker("legacy-http", healthy.hostKey());
            Jmx.awaitRegistered(jmx, bad);
            Jmx.awaitRegistered(jmx, good);
            assertEquals(4L, Jmx.get(jmx, good, "TotalCalls"), "four requests, four calls");
            assertEquals(4L, Jmx.get(jmx, good, "TotalSuccesses"));
            assertEquals(2L, Jmx.get(jmx, bad, "TotalFailures"), "two failed requests, two failures");
            assertEquals(2L, Jmx.get(jmx, bad, "TotalCalls"));
            assertEquals("CLOSED", Jmx.state(jmx, bad), "2 failures in a row are fewer than the 3 the rule trips on");

            assertTrue(app.send(command + " " + failing.url()).startsWith("ok " + failedAnswer.split(" ")[0]));
            assertEquals("OPEN", Jmx.state(jmx, bad), "the third failed request trips it");
            int hits = failing.hits();
            String rejected = app.send(command + " " + failing.url());
            assertTrue(rejected.contains("circuit open: legacy-http[" + failing.hostKey() + "], retry after "),
                    rejected);
            assertEquals(hits, failing.hits(), "a rejected request never reaches the server");
        }
    }
}
