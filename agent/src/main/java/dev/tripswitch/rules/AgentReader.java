package dev.tripswitch.rules;

import java.util.List;
import java.util.Map;

/**
 * The {@code agent:} block: log level, reload, chaos, the status endpoint, the cluster.
 */
final class AgentReader {
    static final List<String> AGENT_KEYS = List.of("log", "reload", "chaos", "http", "discover", "cluster", "micrometer");

    private final YamlReader y;

    AgentReader(YamlReader y) {
        this.y = y;
    }

    AgentSettings agent(YamlNode node) {
        YamlMapping m = y.mapping(node, "agent");
        if (m == null) {
            return AgentSettings.DEFAULTS;
        }
        Map<String, YamlEntry> f = y.fields(m, "agent", AGENT_KEYS);
        LogLevel log = LogLevel.INFO;
        if (f.containsKey("log")) {
            YamlNode n = f.get("log").value();
            String s = y.string(n, "agent.log");
            if (s != null) {
                log = y.oneOf(n, "agent.log", s, LogLevel.class, LogLevel.INFO);
            }
        }
        boolean reload = f.containsKey("reload") && Boolean.TRUE.equals(y.bool(f.get("reload").value(), "agent.reload"));
        boolean chaos = f.containsKey("chaos") && Boolean.TRUE.equals(y.bool(f.get("chaos").value(), "agent.chaos"));
        ClusterSettings cluster = f.containsKey("cluster") ? cluster(f.get("cluster").value()) : null;
        HttpSettings http = f.containsKey("http") ? http(f.get("http").value()) : null;
        boolean discover = f.containsKey("discover")
                && Boolean.TRUE.equals(y.bool(f.get("discover").value(), "agent.discover"));
        boolean micrometer = !f.containsKey("micrometer")
                || !Boolean.FALSE.equals(y.bool(f.get("micrometer").value(), "agent.micrometer"));
        return new AgentSettings(log, reload, chaos, http, cluster, discover, micrometer);
    }

    private static final java.util.regex.Pattern NAMESPACE = java.util.regex.Pattern.compile("[A-Za-z0-9._-]+");

    /** {@code cluster: {redis: redis://..., namespace: shop}}. */
    private ClusterSettings cluster(YamlNode node) {
        YamlMapping m = y.mapping(node, "agent.cluster");
        if (m == null) {
            return null;
        }
        Map<String, YamlEntry> f = y.fields(m, "agent.cluster", List.of("redis", "namespace", "secret"));
        java.net.URI redis = null;
        if (!f.containsKey("redis")) {
            y.missing(m, "redis", "agent.cluster has no 'redis:': write the Redis address, redis://host:6379");
        } else {
            YamlNode n = f.get("redis").value();
            String s = y.string(n, "agent.cluster.redis");
            if (s != null) {
                redis = redisUri(n, s);
            }
        }
        String namespace = ClusterSettings.DEFAULT_NAMESPACE;
        if (f.containsKey("namespace")) {
            YamlNode n = f.get("namespace").value();
            String s = y.string(n, "agent.cluster.namespace");
            if (s != null && !NAMESPACE.matcher(s).matches()) {
                y.problem(n, "agent.cluster.namespace '" + s + "' may only use letters, digits, '.', '_' and '-'");
            } else if (s != null) {
                namespace = s;
            }
        }
        String secret = null;
        if (f.containsKey("secret")) {
            YamlNode n = f.get("secret").value();
            String s = y.string(n, "agent.cluster.secret");
            if (s != null && s.length() < 16) {
                y.problem(n, "agent.cluster.secret is too short to sign anything: use at least 16 characters,"
                        + " from the environment (secret: \"${TRIPSWITCH_CLUSTER_SECRET}\")");
            } else {
                secret = s;
            }
        }
        return redis == null ? null : new ClusterSettings(redis, namespace, secret);
    }

    /** A redis:// or rediss:// URI with a host; its password is never repeated in a message. */
    private java.net.URI redisUri(YamlNode n, String text) {
        java.net.URI uri;
        try {
            uri = new java.net.URI(text);
        } catch (java.net.URISyntaxException e) {
            y.problem(n, "agent.cluster.redis is not a URI: write redis://[user:password@]host:port[/db]"
                    + " (rediss:// for TLS)");
            return null;
        }
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
            y.problem(n, "agent.cluster.redis must start with redis:// or rediss:// (TLS), not '"
                    + uri.getScheme() + ":'");
            return null;
        }
        if (uri.getHost() == null) {
            y.problem(n, "agent.cluster.redis names no host: write redis://host:6379");
            return null;
        }
        String path = uri.getPath();
        if (path != null && path.length() > 1 && !path.substring(1).matches("\\d{1,2}")) {
            y.problem(n, "agent.cluster.redis: the path must be a database number (/0 to /15), not '" + path + "'");
            return null;
        }
        return uri;
    }

    private HttpSettings http(YamlNode node) {
        YamlMapping m = y.mapping(node, "agent.http");
        if (m == null) {
            return null;
        }
        Map<String, YamlEntry> f = y.fields(m, "agent.http", List.of("port", "bind", "token"));
        int port = HttpSettings.DEFAULT_PORT;
        if (f.containsKey("port")) {
            Integer p = y.integer(f.get("port").value(), "agent.http.port", 0, 65535);
            port = p == null ? port : p;
        }
        String bind = HttpSettings.DEFAULT_BIND;
        if (f.containsKey("bind")) {
            String b = y.string(f.get("bind").value(), "agent.http.bind");
            bind = b == null ? bind : b;
        }
        String token = null;
        if (f.containsKey("token")) {
            token = y.string(f.get("token").value(), "agent.http.token");
            if (token != null && token.isBlank()) {
                y.problem(f.get("token").value(), "agent.http.token is empty: set a secret, or leave token out"
                        + " (then POST operations answer 403)");
            }
        }
        return new HttpSettings(port, bind, token);
    }
}
