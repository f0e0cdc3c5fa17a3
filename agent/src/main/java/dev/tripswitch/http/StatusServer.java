package dev.tripswitch.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tripswitch.engine.CircuitBreaker;
import dev.tripswitch.log.AgentLog;
import dev.tripswitch.rules.HttpSettings;
import dev.tripswitch.runtime.BreakerRegistry;
import dev.tripswitch.runtime.RuleBreakers;

/**
 * The optional status endpoint of SPEC section 7, on the JDK's own HTTP server and one
 * daemon thread: {@code GET /health}, {@code /health/breakers/{name}}, {@code /metrics};
 * {@code POST /breakers/{name}/reset}, {@code /breakers/{name}/force-open},
 * {@code /breakers/reset-all} with {@code Authorization: Bearer <token>} (403 when no token
 * is configured, 401 when it is wrong). A port that cannot be opened is logged; the
 * application runs on.
 */
public final class StatusServer {
    private final BreakerRegistry registry;
    private final HttpSettings settings;
    private final AgentLog log;
    private final long startedNanos = System.nanoTime();
    private HttpServer server;

    public StatusServer(BreakerRegistry registry, HttpSettings settings, AgentLog log) {
        this.registry = registry;
        this.settings = settings;
        this.log = log;
    }

    /** Opens the socket; false (and one log line) when it cannot. */
    public boolean start() {
        try {
            server = HttpServer.create(new InetSocketAddress(settings.bind(), settings.port()), 16);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot open the status endpoint on " + settings.bind() + ":" + settings.port() + ": " + e
                    + "; breakers work without it (JMX shows them)");
            return false;
        }
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tripswitch-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
        log.info("status endpoint on http://" + settings.bind() + ":" + port() + "/health and /metrics");
        return true;
    }

    /** The port listened on (the chosen one when the settings said 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            URI uri = exchange.getRequestURI();
            String path = uri.getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/health") || path.equals("/health/")) {
                requireGet(exchange, method);
                Health.Status[] overall = new Health.Status[1];
                String body = Health.all(registry, (System.nanoTime() - startedNanos) / 1_000_000_000L, overall);
                boolean strict = uri.getRawQuery() != null && List.of(uri.getRawQuery().split("&")).contains("strict");
                send(exchange, strict && overall[0] == Health.Status.UNHEALTHY ? 503 : 200, "application/json", body);
            } else if (path.startsWith("/health/breakers/")) {
                requireGet(exchange, method);
                RuleBreakers rule = registry.rule(path.substring("/health/breakers/".length()));
                if (rule == null || rule.all().isEmpty()) {
                    send(exchange, 404, "application/json", "{\"error\":\"no such breaker\"}");
                } else {
                    send(exchange, 200, "application/json", Health.rule(rule.rule().name(), rule.all()));
                }
            } else if (path.equals("/metrics")) {
                requireGet(exchange, method);
                send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", Prometheus.scrape(registry));
            } else if (path.startsWith("/breakers/")) {
                operation(exchange, method, path.substring("/breakers/".length()));
            } else {
                send(exchange, 404, "application/json", "{\"error\":\"not found: /health, /metrics, /breakers\"}");
            }
        } catch (MethodNotAllowed e) {
            send(exchange, 405, "application/json", "{\"error\":\"method not allowed\"}");
        } catch (RuntimeException e) {
            send(exchange, 500, "application/json", "{\"error\":" + Json.string(String.valueOf(e)) + "}");
        } finally {
            exchange.close();
        }
    }

    private void operation(HttpExchange exchange, String method, String rest) throws IOException {
        if (!method.equals("POST")) {
            throw new MethodNotAllowed();
        }
        if (settings.token() == null) {
            send(exchange, 403, "application/json", "{\"error\":\"no agent.http.token is configured\"}");
            return;
        }
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        byte[] given = (auth == null ? "" : auth).getBytes(StandardCharsets.UTF_8);
        byte[] expected = ("Bearer " + settings.token()).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, expected)) {
            send(exchange, 401, "application/json", "{\"error\":\"wrong or missing bearer token\"}");
            return;
        }
        if (rest.equals("reset-all")) {
            registry.resetAll("reset over HTTP (reset-all)");
            send(exchange, 200, "application/json", "{\"reset\":" + registry.all().size() + "}");
            return;
        }
        int slash = rest.lastIndexOf('/');
        String name = slash < 0 ? rest : rest.substring(0, slash);
        String verb = slash < 0 ? "" : rest.substring(slash + 1);
        RuleBreakers rule = registry.rule(name);
        if (rule == null || (!verb.equals("reset") && !verb.equals("force-open"))) {
            send(exchange, 404, "application/json", "{\"error\":\"use /breakers/{name}/reset, /breakers/{name}/force-open"
                    + " or /breakers/reset-all with a known name\"}");
            return;
        }
        for (CircuitBreaker b : rule.all()) {
            if (verb.equals("reset")) {
                b.reset("reset over HTTP");
            } else {
                b.forceOpen("forced open over HTTP");
            }
        }
        send(exchange, 200, "application/json", Health.rule(name, rule.all()));
    }

    private static void requireGet(HttpExchange exchange, String method) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw new MethodNotAllowed();
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static final class MethodNotAllowed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MethodNotAllowed() {
            super(null, null, false, false);
        }
    }
}
