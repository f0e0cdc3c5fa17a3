package dev.tripswitch.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code match:} blocks (one or a list): type or glob, subtypes, method names or globs,
 * parameter types; a type that reaches what the agent runs on is refused ({@link OffLimits}).
 */
final class MatchReader {
    private static final Pattern TYPE_GLOB = Pattern.compile("[\\w$.*]+");
    private static final Pattern METHOD_GLOB = Pattern.compile("[\\w$*<>]+");
    private static final Pattern PARAM_TYPE = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*(\\[])*");

    private final YamlReader y;

    MatchReader(YamlReader y) {
        this.y = y;
    }

    List<MatchSpec> matches(YamlNode node, String where) {
        List<MatchSpec> out = new ArrayList<>();
        if (node instanceof YamlSequence) {
            YamlSequence seq = (YamlSequence) node;
            for (int i = 0; i < seq.items().size(); i++) {
                MatchSpec spec = match(seq.items().get(i), where + "[" + i + "]");
                if (spec != null) {
                    out.add(spec);
                }
            }
        } else {
            MatchSpec spec = match(node, where);
            if (spec != null) {
                out.add(spec);
            }
        }
        return out;
    }

    private MatchSpec match(YamlNode node, String where) {
        YamlMapping m = y.mapping(node, where);
        if (m == null) {
            return null;
        }
        Map<String, YamlEntry> f = y.fields(m, where, List.of("type", "subtypes", "methods", "params"));
        String type = null;
        if (!f.containsKey("type")) {
            y.missing(m, "type", where + " has no 'type': name a class or interface (com.acme.PaymentsClient, com.acme.*Client)");
        } else {
            YamlNode n = f.get("type").value();
            type = y.string(n, where + ".type");
            if (type != null && !TYPE_GLOB.matcher(type).matches()) {
                y.problem(n, where + ".type '" + type + "' is not a class name or glob (letters, digits, '.', '$', '*')");
            }
        }
        boolean subtypes = false;
        if (f.containsKey("subtypes")) {
            Boolean b = y.bool(f.get("subtypes").value(), where + ".subtypes");
            subtypes = Boolean.TRUE.equals(b);
        }
        List<String> methods = null;
        if (!f.containsKey("methods")) {
            y.missing(m, "methods", where + " has no 'methods': list the method names or globs to guard ([charge, \"refund*\"])");
        } else {
            YamlNode n = f.get("methods").value();
            methods = y.strings(n, where + ".methods");
            if (methods != null && methods.isEmpty()) {
                y.problem(n, where + ".methods is empty: list at least one method name or glob");
            }
            if (methods != null) {
                for (String method : methods) {
                    String refused = OffLimits.methodRefusal(method);
                    if (!METHOD_GLOB.matcher(method).matches()) {
                        y.problem(n, where + ".methods: '" + method + "' is not a method name or glob");
                    } else if (refused != null) {
                        y.problem(n, where + ".methods: " + refused);
                    }
                }
            }
        }
        List<String> params = null;
        if (f.containsKey("params")) {
            YamlNode n = f.get("params").value();
            params = y.strings(n, where + ".params");
            if (params != null) {
                for (String p : params) {
                    if (!PARAM_TYPE.matcher(p).matches()) {
                        y.problem(n, where + ".params: '" + p + "' is not a type name (java.lang.String, long, byte[])");
                    }
                }
            }
        }
        if (type != null && TYPE_GLOB.matcher(type).matches()) {
            String refused = OffLimits.typeRefusal(type, subtypes);
            if (refused != null) {
                y.problem(f.get("type").value(), where + ": " + refused);
            }
        }
        if (type == null || methods == null) {
            return null;
        }
        return new MatchSpec(type, subtypes, methods, params);
    }
}
