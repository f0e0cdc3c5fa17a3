package dev.tripswitch.rules;

import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * The {@code agent:} block: log level, reload, the status endpoint; {@code chaos} and
 * {@code cluster} are accepted and announced as not active yet.
 */
final class AgentReader {
    static final List<String> AGENT_KEYS = List.of("log", "reload", "chaos", "http", "cluster");

    private final YamlReader y;

    AgentReader(YamlReader y) {
        this.y = y;
    }

    AgentSettings agent(Node node) {
        MappingNode m = y.mapping(node, "agent");
        if (m == null) {
            return AgentSettings.DEFAULTS;
        }
        Map<String, NodeTuple> f = y.fields(m, "agent", AGENT_KEYS);
        LogLevel log = LogLevel.INFO;
        if (f.containsKey("log")) {
            Node n = f.get("log").getValueNode();
            String s = y.string(n, "agent.log");
            if (s != null) {
                log = y.oneOf(n, "agent.log", s, LogLevel.class, LogLevel.INFO);
            }
        }
        boolean reload = f.containsKey("reload") && Boolean.TRUE.equals(y.bool(f.get("reload").getValueNode(), "agent.reload"));
        boolean chaos = f.containsKey("chaos") && Boolean.TRUE.equals(y.bool(f.get("chaos").getValueNode(), "agent.chaos"));
        if (f.containsKey("cluster")) {
            y.notYet(f.get("cluster"), "agent.cluster", "breakers stay local to this JVM");
        }
        HttpSettings http = f.containsKey("http") ? http(f.get("http").getValueNode()) : null;
        return new AgentSettings(log, reload, chaos, http);
    }

    private HttpSettings http(Node node) {
        MappingNode m = y.mapping(node, "agent.http");
        if (m == null) {
            return null;
        }
        Map<String, NodeTuple> f = y.fields(m, "agent.http", List.of("port", "bind", "token"));
        int port = HttpSettings.DEFAULT_PORT;
        if (f.containsKey("port")) {
            Integer p = y.integer(f.get("port").getValueNode(), "agent.http.port", 0, 65535);
            port = p == null ? port : p;
        }
        String bind = HttpSettings.DEFAULT_BIND;
        if (f.containsKey("bind")) {
            String b = y.string(f.get("bind").getValueNode(), "agent.http.bind");
            bind = b == null ? bind : b;
        }
        String token = null;
        if (f.containsKey("token")) {
            token = y.string(f.get("token").getValueNode(), "agent.http.token");
            if (token != null && token.isBlank()) {
                y.problem(f.get("token").getValueNode(), "agent.http.token is empty: set a secret, or leave token out"
                        + " (then POST operations answer 403)");
            }
        }
        return new HttpSettings(port, bind, token);
    }
}
