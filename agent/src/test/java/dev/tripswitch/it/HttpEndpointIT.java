package dev.tripswitch.it;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The optional status endpoint (docs/http.md), as a load balancer, Prometheus and an operator's curl use it. */
class HttpEndpointIT {
    /** The endpoint on a port of the test's choosing, then the rest of agent.http (a token); two rules, one keyed. */
    static final String RULES = """
            version: 1
            agent:
              http: {port: %d, bind: 127.0.0.1%s}
            defaults: {minimumCalls: 2, window: {type: count, size: 10}, openFor: 1m}
            breakers:
              - name: payments
                match: {type: com.acme.PaymentsClient, methods: [charge]}
              - name: orders
                match: {type: com.acme.Orders, methods: [lookup]}
                key: arg0
            """;
    private final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void healthMetricsAndOperations(Jdk jdk) throws Exception {
        int port = freePort();
        Path rules = Env.rules(RULES.formatted(port, ", token: \"${TRIPSWITCH_TOKEN}\""));
        try (ChildJvm app = ChildJvm.start(jdk, rules.toString(), "com.acme.TargetApp", List.of(), List.of(),
                Map.of("TRIPSWITCH_TOKEN", "s3cret")).awaitReady()) {
            String base = "http://127.0.0.1:" + port;
            ChildJvm.await("the endpoint", () -> get(base + "/health").statusCode() == 200);
            assertTrue(get(base + "/health").body().startsWith("{\"status\":\"healthy\",\"uptimeSeconds\":"));

            assertEquals("ok order 7 v1", app.send("lookup 7"));
            assertEquals("ok", app.send("fail on"));
            app.send("charge a 1");
            app.send("charge a 1");
            HttpResponse<String> health = get(base + "/health");
            assertEquals(200, health.statusCode(), "the application itself is up");
            assertTrue(health.body().contains("\"status\":\"unhealthy\""), health.body());
            assertTrue(health.body().contains("\"payments\":{\"state\":\"OPEN\",\"health\":\"unhealthy\""), health.body());
            assertTrue(health.body().contains("\"lastFailure\":\"java.io.IOException: payments is down\""), health.body());
            assertTrue(health.body().contains("\"orders\":{\"state\":\"CLOSED\""), health.body());
            assertTrue(health.body().contains("\"keys\":{\"7\":{\"state\":\"CLOSED\""), health.body());
            assertEquals(503, get(base + "/health?strict").statusCode());
            assertTrue(get(base + "/health/breakers/payments").body().startsWith("{\"state\":\"OPEN\""));
            assertEquals(404, get(base + "/health/breakers/nope").statusCode());

            String metrics = get(base + "/metrics").body();
            assertTrue(metrics.contains("# TYPE tripswitch_state gauge"), metrics);
            assertTrue(metrics.contains("tripswitch_state{breaker=\"payments\",key=\"\",state=\"OPEN\"} 1"), metrics);
            assertTrue(metrics.contains("tripswitch_calls_total{breaker=\"payments\",key=\"\",outcome=\"failure\"} 2"),
                    metrics);
            assertTrue(metrics.contains("tripswitch_calls_total{breaker=\"orders\",key=\"7\",outcome=\"success\"} 1"),
                    metrics);
            assertTrue(metrics.contains("tripswitch_call_duration_seconds_bucket{breaker=\"payments\",key=\"\",le=\"+Inf\"}"),
                    metrics);

            assertEquals(401, post(base + "/breakers/payments/reset", null).statusCode());
            assertEquals(401, post(base + "/breakers/payments/reset", "wrong").statusCode());
            assertEquals(405, get(base + "/breakers/payments/reset").statusCode());
            HttpResponse<String> reset = post(base + "/breakers/payments/reset", "s3cret");
            assertEquals(200, reset.statusCode());
            assertTrue(reset.body().startsWith("{\"state\":\"CLOSED\""), reset.body());
            assertEquals(200, post(base + "/breakers/orders/force-open", "s3cret").statusCode());
            assertTrue(app.send("lookup 7").contains("circuit open: orders[7]"));
            assertEquals(200, post(base + "/breakers/reset-all", "s3cret").statusCode());
            assertTrue(get(base + "/health").body().contains("\"orders\":{\"state\":\"CLOSED\""));
        }
    }

    @Test
    void withoutATokenOperationsAreForbidden() throws Exception {
        int port = freePort();
        try (ChildJvm app = ChildJvm.start(Jdk.java17(), Env.rules(RULES.formatted(port, ""))).awaitReady()) {
            String base = "http://127.0.0.1:" + port;
            ChildJvm.await("the endpoint", () -> get(base + "/health").statusCode() == 200);
            assertEquals(403, post(base + "/breakers/reset-all", "anything").statusCode());
        }
    }

    /**
     * Slowloris: 100 clients each send a request head one byte every 100 ms. None of them may
     * hold the endpoint: /health keeps answering, each time within the 2 s a load balancer waits.
     */
    @Test
    void healthStaysAnswerableWhileClientsTrickle() throws Exception {
        int port = freePort();
        try (ChildJvm app = ChildJvm.start(Jdk.java17(), Env.rules(RULES.formatted(port, ""))).awaitReady()) {
            String base = "http://127.0.0.1:" + port;
            ChildJvm.await("the endpoint", () -> get(base + "/health").statusCode() == 200);
            List<java.net.Socket> slow = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 100; i++) {
                    java.net.Socket s = new java.net.Socket("127.0.0.1", port);
                    s.getOutputStream().write("GET /health HTTP/1.1\r\n".getBytes());
                    slow.add(s);
                }
                for (int round = 0; round < 30; round++) { // 3 s of trickling, bounded
                    for (java.net.Socket s : slow) {
                        try {
                            s.getOutputStream().write('X');
                        } catch (java.io.IOException closedByTheServer) {
                            // the endpoint closed a slow client to make room: what it should do
                        }
                    }
                    if (round % 5 == 0) { // a load balancer's probe gives up after 2 s
                        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health"))
                                .timeout(java.time.Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                        assertEquals(200, health.statusCode());
                    }
                    Thread.sleep(100); // the attacker's pace, not a wait for the server
                }
            } finally {
                for (java.net.Socket s : slow) {
                    s.close();
                }
            }
        }
    }

    /**
     * What a browser on another site gets by rebinding its name to 127.0.0.1 (nothing), the
     * headers every answer carries, HEAD's length, and a client that ends lines with a bare LF.
     */
    @Test
    void onlyLoopbackNamesAreAnsweredWithSafeHeaders() throws Exception {
        int port = freePort();
        Path rules = Env.rules(RULES.formatted(port, ""));
        try (ChildJvm app = ChildJvm.start(Jdk.java17(), rules.toString(), "com.acme.TargetApp", List.of(), List.of())
                .awaitReady()) {
            String base = "http://127.0.0.1:" + port;
            ChildJvm.await("the endpoint", () -> get(base + "/health").statusCode() == 200);
            String rebound = raw(port, "GET /api/breakers HTTP/1.1\r\nHost: evil.example:" + port + "\r\n\r\n");
            assertTrue(rebound.startsWith("HTTP/1.1 421 "), rebound);
            assertTrue(!rebound.contains("payments"), rebound);

            String page = raw(port, "GET / HTTP/1.1\r\nHost: localhost:" + port + "\r\n\r\n");
            assertTrue(page.startsWith("HTTP/1.1 200 "), page);
            assertTrue(page.contains("\r\nX-Frame-Options: DENY\r\n"), page);
            assertTrue(page.contains("\r\nX-Content-Type-Options: nosniff\r\n"), page);
            assertTrue(page.contains("\r\nContent-Security-Policy: default-src 'none'; style-src 'sha256-"), page);
            String length = page.replaceAll("(?s).*\r\nContent-Length: (\\d+)\r\n.*", "$1");
            String head = raw(port, "HEAD / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertTrue(head.contains("\r\nContent-Length: " + length + "\r\n"), "HEAD tells GET's length: " + head);
            assertTrue(head.endsWith("\r\n\r\n"), "and sends no body");

            long start = System.nanoTime();
            String bare = raw(port, "GET /health HTTP/1.1\nHost: localhost\n\n");
            assertTrue(bare.startsWith("HTTP/1.1 200 "), bare);
            assertTrue(System.nanoTime() - start < 2_000_000_000L, "answered, not left to the 5 s head timeout");
        }
    }

    /** Sends {@code request} as it is and reads the whole answer (the endpoint closes after each). */
    private static String raw(int port, String request) throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    private HttpResponse<String> get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            return new FailedResponse(e);
        }
    }

    private HttpResponse<String> post(String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Stands for "nothing listening yet" while waiting for the endpoint. */
    private record FailedResponse(Exception error) implements HttpResponse<String> {
        public int statusCode() {
            return -1;
        }

        public HttpRequest request() {
            return null;
        }

        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        public java.net.http.HttpHeaders headers() {
            return null;
        }

        public String body() {
            return String.valueOf(error);
        }

        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return java.util.Optional.empty();
        }

        public URI uri() {
            return null;
        }

        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
