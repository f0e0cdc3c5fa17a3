package dev.tripswitch.it;

import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real Spring Boot services, built by spring-boot-maven-plugin (nested jars) and started with
 * {@code java -javaagent:... -jar}, with the presets alone: Boot's own {@code RestClient.Builder}
 * (Reactor Netty, since webflux is present), RestClient on the JDK and Reactor factories,
 * {@code RestTemplate}, WebClient, and JdbcTemplate over Boot's HikariCP against the real
 * PostgreSQL. Each trips, rejects in milliseconds with what Spring's callers catch, and
 * recovers; a stall times out as failures; a stopped database fails fast and comes back.
 */
class SpringBootIT {
    private static final String RULES = """
            version: 1
            defaults:
              minimumCalls: 3
              window: {type: count, size: 10}
              openFor: 1s
              halfOpen: {calls: 1, successes: 1, maxWait: 30s}
            breakers:
              - name: rest
                preset: spring-restclient
              - name: webclient
                preset: spring-webclient
              - name: database
                preset: jdbc
              - name: jdk
                preset: jdk-http-client
              - name: url
                preset: http-url-connection
              - name: hc4
                preset: apache-httpclient4
            """;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ParameterizedTest(name = "Spring Boot {0} on {1}")
    @CsvSource({"boot3, java17", "boot4, java25"})
    void aBootServiceTripsRejectsFastAndRecoversOnEveryPath(String boot, String java) throws Exception {
        Path jar = Path.of("..", "it-apps", boot, "target", boot + "-app.jar").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(jar), "the Boot application is built before the agent's tests: " + jar);
        Path bin = PostgresServer.required();
        Jdk jdk = java.equals("java17") ? Jdk.java17() : Jdk.java25();
        int port = freePort();
        try (PostgresServer pg = PostgresServer.start(bin);
             ChildJvm app = ChildJvm.startJar(jdk, Env.rules(RULES).toString(), jar, List.of(), List.of(
                     "--server.port=" + port, "--spring.datasource.url=" + pg.url(),
                     "--spring.datasource.username=postgres", "--spring.main.banner-mode=off",
                     "--management.endpoints.web.exposure.include=prometheus"))) {
            String base = "http://127.0.0.1:" + port;
            awaitUp(app, base + "/query");
            MBeanServerConnection jmx = app.jmx();
            if (boot.equals("boot3")) {
                checkMicrometer(base);
                assertFalse(app.stderr().contains("micrometer: cannot"), app.stderr());
            }

            checkHttpPaths(base, jmx, List.of("restclient", "restclient-jdk", "restclient-reactor", "resttemplate",
                    "webclient"));

            for (String via : List.of("restclient-jdk", "restclient-reactor")) {
                try (TestHttpServer stalled = new TestHttpServer()) {
                    stalled.stalling(true);
                    for (int i = 0; i < 3; i++) {
                        String r = get(base, via, stalled.url());
                        assertTrue(r.startsWith("failure org.springframework.web.client.ResourceAccessException"),
                                via + " times out after its 2 s read timeout: " + r);
                    }
                    String rejected = get(base, via, stalled.url());
                    assertTrue(rejected.contains("circuit open: rest[" + stalled.hostKey() + "]"), via + ": " + rejected);
                    stalled.stalling(false);
                }
            }

            checkStoppedDatabase(base, jmx, pg);
            assertFalse(app.stderr().contains("internal error"), app.stderr());
        }
    }

    /**
     * An older service as it runs today: Spring Boot 2.7 on Java 11, RestTemplate from Boot's
     * builder (on Apache HttpClient 4) and a plain one (on {@code HttpURLConnection}), JdbcTemplate
     * over HikariCP, the same presets and the same agent jar.
     */
    @org.junit.jupiter.api.Test
    void aSpringBoot2ServiceOnJava11TripsRejectsFastAndRecovers() throws Exception {
        Path jar = Path.of("..", "it-apps", "boot2", "target", "boot2-app.jar").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(jar), "the Boot application is built before the agent's tests: " + jar);
        Path bin = PostgresServer.required();
        int port = freePort();
        try (PostgresServer pg = PostgresServer.start(bin);
             ChildJvm app = ChildJvm.startJar(Jdk.java11(), Env.rules(RULES).toString(), jar, List.of(), List.of(
                     "--server.port=" + port, "--spring.datasource.url=" + pg.url(),
                     "--spring.datasource.username=postgres", "--spring.main.banner-mode=off"))) {
            String base = "http://127.0.0.1:" + port;
            awaitUp(app, base + "/query");
            assertEquals("org.springframework.http.client.HttpComponentsClientHttpRequestFactory",
                    httpGet(base + "/factory"), "Boot 2.7's RestTemplateBuilder picks HttpClient 4 when it is there");
            MBeanServerConnection jmx = app.jmx();
            checkHttpPaths(base, jmx, List.of("resttemplate-boot", "resttemplate"));
            checkStoppedDatabase(base, jmx, pg);
            assertFalse(app.stderr().contains("internal error"), app.stderr());
            assertFalse(app.stderr().contains("illegal reflective access"), app.stderr());
        }
    }

    /**
     * With Actuator and Micrometer's Prometheus registry (boot3), at Boot's defaults: the
     * breakers appear on {@code /actuator/prometheus} (through Micrometer's global registry,
     * which Boot feeds) beside the application's own meters, tagged by name and key, and a trip
     * and a recovery change them there.
     */
    private static void checkMicrometer(String base) throws Exception {
        try (TestHttpServer failing = new TestHttpServer()) {
            String labels = "{key=\"" + failing.hostKey() + "\",";
            failing.failing(true);
            for (int i = 0; i < 3; i++) {
                assertTrue(get(base, "restclient", failing.url()).startsWith("status 503"));
            }
            String open = "tripswitch_state" + labels + "name=\"rest\",state=\"OPEN\"} 1.0";
            String failures = "tripswitch_calls_total" + labels + "kind=\"failure\",name=\"rest\"} 3.0";
            ChildJvm.await("the open breaker on /actuator/prometheus", () -> scrape(base).contains(open));
            String scraped = scrape(base);
            assertTrue(scraped.contains(failures), scraped);
            assertTrue(scraped.contains("jvm_memory_used_bytes"), "beside the application's own meters");
            assertTrue(scraped.contains("tripswitch_state" + labels + "name=\"rest\",state=\"CLOSED\"} 0.0"), scraped);

            failing.failing(false);
            ChildJvm.await("HALF_OPEN", () -> scrape(base).contains(
                    "tripswitch_state" + labels + "name=\"rest\",state=\"HALF_OPEN\"} 1.0"));
            assertTrue(get(base, "restclient", failing.url()).startsWith("ok status 200"));
            assertTrue(scrape(base).contains("tripswitch_state" + labels + "name=\"rest\",state=\"CLOSED\"} 1.0"));
            assertTrue(scrape(base).contains("tripswitch_calls_total" + labels + "kind=\"success\",name=\"rest\"} 1.0"));
        }
    }

    private static String scrape(String base) {
        try {
            return httpGet(base + "/actuator/prometheus");
        } catch (Exception e) {
            return e.toString();
        }
    }

    /**
     * Each client path trips on 503s, once per request whatever presets of the clients underneath
     * are on, rejects in milliseconds with what Spring's callers catch, and recovers.
     */
    private static void checkHttpPaths(String base, MBeanServerConnection jmx, List<String> vias) throws Exception {
        for (String via : vias) {
            try (TestHttpServer failing = new TestHttpServer()) {
                failing.failing(true);
                for (int i = 0; i < 3; i++) {
                    String r = get(base, via, failing.url());
                    assertTrue(r.startsWith("status 503"), via + ": " + r);
                }
                int hits = failing.hits();
                String rejected = get(base, via, failing.url());
                String rule = via.equals("webclient") ? "webclient" : "rest";
                String expected = (via.equals("webclient")
                        ? "failure org.springframework.web.reactive.function.client.WebClientRequestException"
                        : "failure org.springframework.web.client.ResourceAccessException")
                        + " caused by java.net.ConnectException: circuit open: " + rule + "[" + failing.hostKey() + "]";
                assertTrue(rejected.startsWith(expected), via + ": " + rejected);
                assertTrue(took(rejected) < 50, via + ": rejected in milliseconds: " + rejected);
                long fastest = Long.MAX_VALUE;
                for (int i = 0; i < 3; i++) {
                    fastest = Math.min(fastest, took(get(base, via, failing.url())));
                }
                assertTrue(fastest < 5, via + ": once warm, a rejection takes " + fastest + " ms");
                assertEquals(hits, failing.hits(), via + ": a rejected request never reaches the server");
                String breakers = Arrays.toString((String[]) Jmx.get(jmx, Jmx.agent(), "Breakers"));
                assertFalse(breakers.contains("jdk[" + failing.hostKey()) || breakers.contains("url[" + failing.hostKey())
                        || breakers.contains("hc4[" + failing.hostKey()), via + ": the client underneath counted the"
                        + " request again: " + breakers);
                failing.failing(false);
                ObjectName breaker = Jmx.breaker(rule, failing.hostKey());
                Jmx.awaitRegistered(jmx, breaker);
                ChildJvm.await(via + " HALF_OPEN", () -> "HALF_OPEN".equals(Jmx.state(jmx, breaker)));
                assertTrue(get(base, via, failing.url()).startsWith("ok status 200"), via + " recovers");
                assertEquals("CLOSED", Jmx.state(jmx, breaker), via);
            }
        }
    }

    /** A stopped database: at most the queries in flight reach it, the rest are rejected at once; it comes back. */
    private static void checkStoppedDatabase(String base, MBeanServerConnection jmx, PostgresServer pg) throws Exception {
        pg.stop();
        // the first query finds the pool's connections dead and waits for a new one: the pool's own
        // connects fail meanwhile and open the breaker, but a checkout already waiting waits out
        // Hikari's 30 s connectionTimeout; every query after that is rejected at once
        int reached = 0;
        String rejected = null;
        for (int i = 0; i < 8 && rejected == null; i++) {
            String r = httpGet(base + "/query");
            if (r.contains("circuit open")) {
                rejected = r;
            } else {
                reached++;
                assertTrue(r.startsWith("failure "), r);
            }
        }
        assertTrue(reached <= 2, "at most the queries in flight when the database stopped reach it: " + reached);
        assertTrue(rejected != null && rejected.startsWith("failure org.springframework.jdbc.CannotGetJdbcConnectionException"
                + " caused by java.sql.SQLTransientConnectionException: circuit open: database[" + pg.hostKey()
                + "], retry after "), "after " + reached + " queries: " + rejected);
        long fastest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            String r = httpGet(base + "/query");
            assertTrue(r.contains("circuit open"), r);
            fastest = Math.min(fastest, took(r));
        }
        assertTrue(fastest < 5, "a query on a stopped database is rejected in " + fastest + " ms");
        pg.startAgain();
        ObjectName db = Jmx.breaker("database", pg.hostKey());
        Jmx.awaitRegistered(jmx, db);
        ChildJvm.await("the database's breaker CLOSED", () -> "CLOSED".equals(Jmx.state(jmx, db)));
        String back = httpGet(base + "/query");
        assertTrue(back.startsWith("ok 1"), back);
    }

    private static String get(String base, String via, String url) throws Exception {
        return httpGet(base + "/call?via=" + via + "&url=" + URLEncoder.encode(url, StandardCharsets.UTF_8));
    }

    private static String httpGet(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(40)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void awaitUp(ChildJvm app, String url) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                String r = httpGet(url);
                assertTrue(r.startsWith("ok 1"), r);
                return;
            } catch (java.io.IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the Boot application did not answer within 60 s\nstdout:\n" + app.stdout()
                            + "\nstderr:\n" + app.stderr(), e);
                }
                Thread.sleep(100);
            }
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static long took(String answer) {
        return Long.parseLong(answer.replaceAll(".* took (\\d+) ms$", "$1"));
    }
}
