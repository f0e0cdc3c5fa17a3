package dev.tripswitch.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import dev.tripswitch.engine.CircuitBreaker;
import dev.tripswitch.log.AgentLog;
import dev.tripswitch.rules.HttpSettings;
import dev.tripswitch.runtime.BreakerRegistry;
import dev.tripswitch.runtime.RuleBreakers;

/**
 * The optional status endpoint of docs/http.md, on {@link SmallHttpServer} (a selector
 * thread and a bounded pool: slow or stuck clients never starve {@code /health}):
 * {@code GET /health}, {@code /health/breakers/{name}}, {@code /metrics};
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
    private SmallHttpServer server;

    private final dev.tripswitch.runtime.AgentStatus status;
    private final LivePage live;

    public StatusServer(BreakerRegistry registry, HttpSettings settings, AgentLog log,
                        dev.tripswitch.runtime.AgentStatus status) {
        this.status = status;
        this.registry = registry;
        this.live = new LivePage(registry);
        this.settings = settings;
        this.log = log;
        this.loopbackOnly = isLoopback(settings.bind());
    }

    /** Whether the endpoint listens on loopback only: then it answers only requests addressed to a loopback name. */
    private final boolean loopbackOnly;

    private static boolean isLoopback(String bind) {
        try {
            return java.net.InetAddress.getByName(bind).isLoopbackAddress();
        } catch (java.io.IOException | RuntimeException e) {
            return false; // not resolvable here: the socket will say so
        }
    }

    /** Opens the socket; false (and one log line) when it cannot. */
    public boolean start() {
        try {
            server = new SmallHttpServer(new InetSocketAddress(settings.bind(), settings.port()), this::handle);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot open the status endpoint on " + settings.bind() + ":" + settings.port() + ": " + e
                    + "; breakers work without it (JMX shows them)");
            return false;
        }
        log.info("status endpoint on http://" + settings.bind() + ":" + port() + "/ (the live page), /health and /metrics");
        return true;
    }

    /** The port listened on (the chosen one when the settings said 0). */
    public int port() {
        return server.port();
    }

    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    HttpExchange.Response handle(HttpExchange.Request request) {
        if (loopbackOnly && !loopbackName(request.header("Host"))) {
            // DNS rebinding: a page of another site whose name now points here must read nothing
            return HttpExchange.Response.json(421, "{\"error\":\"this endpoint listens on loopback and answers only"
                    + " to loopback host names (localhost, 127.0.0.1, [::1])\"}");
        }
        String path = request.path();
        String method = request.method();
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (path.equals("/") || path.equals("/index.html")) {
            return read ? live.page() : notAllowed();
        }
        if (path.equals("/suggest")) {
            if (!read) {
                return notAllowed();
            }
            String suggested = dev.tripswitch.suggest.Discovery.suggestion(registry,
                    status == null ? 0 : status.discoveringSinceMillis());
            if (suggested == null) {
                return HttpExchange.Response.json(404, "{\"error\":\"agent.discover is not true: set it in the rules"
                        + " file, or run: java -jar tripswitch-agent.jar suggest <pid>\"}");
            }
            return HttpExchange.Response.of(200, "text/yaml; charset=utf-8", suggested);
        }
        if (path.equals("/api/breakers")) {
            return read ? live.snapshot((System.nanoTime() - startedNanos) / 1_000_000_000L,
                    status == null ? null : status.cluster()) : notAllowed();
        }
        if (path.equals("/health") || path.equals("/health/")) {
            if (!read) {
                return notAllowed();
            }
            Health.Status[] overall = new Health.Status[1];
            String body = Health.all(registry, (System.nanoTime() - startedNanos) / 1_000_000_000L, overall,
                    status == null ? null : status.cluster());
            boolean strict = request.rawQuery() != null && List.of(request.rawQuery().split("&")).contains("strict");
            return HttpExchange.Response.json(strict && overall[0] == Health.Status.UNHEALTHY ? 503 : 200, body);
        }
        if (path.startsWith("/health/breakers/")) {
            if (!read) {
                return notAllowed();
            }
            RuleBreakers rule = registry.rule(path.substring("/health/breakers/".length()));
            if (rule == null || rule.all().isEmpty()) {
                return HttpExchange.Response.json(404, "{\"error\":\"no such breaker\"}");
            }
            return HttpExchange.Response.json(200, Health.rule(rule.rule().name(), rule.all()));
        }
        if (path.equals("/metrics")) {
            return read ? HttpExchange.Response.of(200, "text/plain; version=0.0.4; charset=utf-8",
                    Prometheus.scrape(registry)) : notAllowed();
        }
        if (path.startsWith("/breakers/")) {
            return method.equals("POST") ? operation(request, path.substring("/breakers/".length())) : notAllowed();
        }
        return HttpExchange.Response.json(404, "{\"error\":\"not found: /, /health, /metrics, /breakers\"}");
    }

    /**
     * Whether a {@code Host} header names this machine by a loopback name; an absent one (an
     * HTTP/1.0 client, a tool) is let through, since a browser always sends it.
     */
    static boolean loopbackName(String host) {
        if (host == null) {
            return true;
        }
        String name = host.trim().toLowerCase(java.util.Locale.ROOT);
        if (name.startsWith("[")) {
            int close = name.indexOf(']');
            return close > 0 && name.substring(1, close).equals("::1");
        }
        int colon = name.lastIndexOf(':');
        if (colon >= 0) {
            name = name.substring(0, colon);
        }
        return name.equals("localhost") || name.endsWith(".localhost")
                || name.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    private static HttpExchange.Response notAllowed() {
        return HttpExchange.Response.json(405, "{\"error\":\"method not allowed\"}");
    }

    private HttpExchange.Response operation(HttpExchange.Request request, String rest) {
        if (settings.token() == null) {
            return HttpExchange.Response.json(403, "{\"error\":\"no agent.http.token is configured\"}");
        }
        String auth = request.header("Authorization");
        byte[] given = (auth == null ? "" : auth).getBytes(StandardCharsets.UTF_8);
        byte[] expected = ("Bearer " + settings.token()).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, expected)) {
            return HttpExchange.Response.json(401, "{\"error\":\"wrong or missing bearer token\"}");
        }
        if (rest.equals("reset-all")) {
            registry.resetAll("reset over HTTP (reset-all)");
            return HttpExchange.Response.json(200, "{\"reset\":" + registry.all().size() + "}");
        }
        int slash = rest.lastIndexOf('/');
        String name = slash < 0 ? rest : rest.substring(0, slash);
        String verb = slash < 0 ? "" : rest.substring(slash + 1);
        RuleBreakers rule = registry.rule(name);
        if (rule == null || (!verb.equals("reset") && !verb.equals("force-open"))) {
            return HttpExchange.Response.json(404, "{\"error\":\"use /breakers/{name}/reset, /breakers/{name}/force-open"
                    + " or /breakers/reset-all with a known name\"}");
        }
        for (CircuitBreaker b : rule.all()) {
            if (verb.equals("reset")) {
                b.reset("reset over HTTP");
            } else {
                b.forceOpen("forced open over HTTP");
            }
        }
        return HttpExchange.Response.json(200, Health.rule(name, rule.all()));
    }
}
