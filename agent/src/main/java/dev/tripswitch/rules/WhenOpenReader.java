package dev.tripswitch.rules;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * {@code whenOpen:}: exactly one of throw, return, call or lastGood.
 */
final class WhenOpenReader {
    private final YamlReader y;

    WhenOpenReader(YamlReader y) {
        this.y = y;
    }

    WhenOpen whenOpen(Node node, String where) {
        MappingNode m = y.mapping(node, where);
        if (m == null) {
            return WhenOpen.DEFAULT;
        }
        Map<String, NodeTuple> f = y.fields(m, where, List.of("throw", "return", "call", "lastGood"));
        if (f.size() != 1) {
            if (!f.isEmpty() || m.getValue().isEmpty()) {
                y.problem(m, where + " needs exactly one of throw, return, call or lastGood"
                        + (f.size() > 1 ? " (it has " + String.join(", ", f.keySet()) + ")" : ""));
            }
            return WhenOpen.DEFAULT;
        }
        String kind = f.keySet().iterator().next();
        Node n = f.get(kind).getValueNode();
        switch (kind) {
            case "throw" -> {
                String type = y.string(n, where + ".throw");
                if (type != null && !YamlReader.CLASS_NAME.matcher(type).matches()) {
                    y.problem(n, where + ".throw: '" + type + "' is not an exception class name (java.net.ConnectException)");
                }
                return new WhenOpen.Throw(type == null ? WhenOpen.DEFAULT_EXCEPTION : type);
            }
            case "return" -> {
                return returnValue(n, where + ".return");
            }
            case "call" -> {
                String target = y.string(n, where + ".call");
                if (target == null) {
                    return WhenOpen.DEFAULT;
                }
                int hash = target.indexOf('#');
                if (hash <= 0 || hash == target.length() - 1 || !YamlReader.CLASS_NAME.matcher(target.substring(0, hash)).matches()) {
                    y.problem(n, where + ".call: '" + target + "' must be Class#method (com.acme.Fallbacks#charge)");
                    return WhenOpen.DEFAULT;
                }
                return new WhenOpen.Call(target.substring(0, hash), target.substring(hash + 1));
            }
            default -> {
                long ttl = 600_000_000_000L;
                int max = 1000;
                if (!y.isNull(n)) {
                    MappingNode lg = y.mapping(n, where + ".lastGood");
                    if (lg != null) {
                        Map<String, NodeTuple> lf = y.fields(lg, where + ".lastGood", List.of("ttl", "max"));
                        if (lf.containsKey("ttl")) {
                            Long d = y.duration(lf.get("ttl").getValueNode(), where + ".lastGood.ttl", false);
                            ttl = d == null ? ttl : d;
                        }
                        if (lf.containsKey("max")) {
                            Integer i = y.integer(lf.get("max").getValueNode(), where + ".lastGood.max", 1, 10_000_000);
                            max = i == null ? max : i;
                        }
                    }
                }
                return new WhenOpen.LastGood(ttl, max);
            }
        }
    }

    private WhenOpen.Return returnValue(Node n, String where) {
        if (!(n instanceof ScalarNode s)) {
            y.problem(n, where + " must be a single value: null, true, 42, \"text\" or empty");
            return new WhenOpen.Return(null, false);
        }
        Tag tag = s.getTag();
        String value = s.getValue();
        if (Tag.NULL.equals(tag)) {
            return new WhenOpen.Return(null, false);
        }
        if (Tag.BOOL.equals(tag)) {
            return new WhenOpen.Return(Boolean.valueOf(value.toLowerCase(Locale.ROOT)), false);
        }
        if (Tag.INT.equals(tag)) {
            try {
                return new WhenOpen.Return(Long.valueOf(value.replace("_", "")), false);
            } catch (NumberFormatException e) {
                y.problem(n, where + ": " + value + " is too large for a whole number");
                return new WhenOpen.Return(null, false);
            }
        }
        if (Tag.FLOAT.equals(tag)) {
            return new WhenOpen.Return(Double.valueOf(value.replace("_", "")), false);
        }
        if (s.isPlain() && value.equals("empty")) {
            return new WhenOpen.Return(null, true);
        }
        return new WhenOpen.Return(y.substitute(n, value), false);
    }
}
