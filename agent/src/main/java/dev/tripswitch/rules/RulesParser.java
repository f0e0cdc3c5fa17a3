package dev.tripswitch.rules;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tripswitch.engine.BreakerConfig;
import dev.tripswitch.engine.Mode;
import dev.tripswitch.engine.WindowConfig;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns the text of a rules file into a {@link RulesFile}, or into every problem it has.
 * Works on SnakeYAML's node tree (not on maps) so that each problem can say the line
 * and column of the key or value at fault. One instance parses one file.
 */
final class RulesParser {
    static final List<String> TOP_KEYS = List.of("version", "agent", "defaults", "breakers");
    static final List<String> AGENT_KEYS = List.of("log", "reload", "chaos", "http", "cluster");
    static final List<String> SETTING_KEYS = List.of("mode", "failureRate", "slowCall", "slowCallRate",
            "minimumCalls", "consecutiveFailures", "window", "openFor", "backoff", "halfOpen", "idleReset");
    static final List<String> BREAKER_KEYS;
    static final List<String> NOT_YET = List.of("timeout", "retry", "maxConcurrent", "chaos");

    static {
        List<String> keys = new ArrayList<>(List.of("name", "preset", "match", "key", "maxKeys", "failOn", "whenOpen",
                "timeout", "retry", "maxConcurrent", "chaos"));
        keys.addAll(SETTING_KEYS);
        BREAKER_KEYS = List.copyOf(keys);
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*");
    private static final Pattern TYPE_GLOB = Pattern.compile("[\\w$.*]+");
    private static final Pattern METHOD_GLOB = Pattern.compile("[\\w$*<>]+");
    private static final Pattern PARAM_TYPE = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*(\\[])*");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%?");
    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final String file;
    private final Function<String, String> environment;
    private final List<Problem> problems = new ArrayList<>();
    private final List<Problem> notices = new ArrayList<>();
    /** Per mapping, the keys a misspelt key was taken for: their absence is not reported again. */
    private final Map<MappingNode, Set<String>> misspelt = new java.util.IdentityHashMap<>();

    RulesParser(String file, Function<String, String> environment) {
        this.file = file;
        this.environment = environment;
    }

    RulesFile parse(String text) throws RulesException {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            problems.add(new Problem(file, mark == null ? 1 : mark.getLine() + 1, mark == null ? 1 : mark.getColumn() + 1,
                    "this is not valid YAML: " + what + " (check the indentation and the ':' after each key)"));
            throw new RulesException(problems);
        } catch (YAMLException e) {
            problems.add(new Problem(file, 1, 1, "this is not valid YAML: " + e.getMessage()));
            throw new RulesException(problems);
        }
        if (root == null) {
            problems.add(new Problem(file, 1, 1, "the file is empty: it needs at least 'version: 1' and a 'breakers:' list"));
            throw new RulesException(problems);
        }
        MappingNode top = mapping(root, "the top level");
        if (top == null) {
            throw new RulesException(problems);
        }
        Map<String, NodeTuple> fields = fields(top, "the top level", TOP_KEYS);
        int version = 1;
        NodeTuple v = fields.get("version");
        if (v == null) {
            missing(top, "version", "'version: 1' is missing at the top of the file");
        } else {
            Integer n = integer(v.getValueNode(), "version", 1, Integer.MAX_VALUE);
            if (n != null && n != 1) {
                problem(v.getValueNode(), "version " + n + " is not known to this agent: use 'version: 1'");
            }
        }
        AgentSettings agent = fields.containsKey("agent") ? agent(fields.get("agent").getValueNode())
                : AgentSettings.DEFAULTS;
        BreakerConfig.Builder defaults = BreakerConfig.builder();
        if (fields.containsKey("defaults")) {
            MappingNode d = mapping(fields.get("defaults").getValueNode(), "defaults");
            if (d != null) {
                Map<String, NodeTuple> df = fields(d, "defaults", SETTING_KEYS);
                settings(df, defaults, "defaults");
                build(defaults, d, "defaults");
            }
        }
        List<BreakerRule> breakers = new ArrayList<>();
        if (fields.containsKey("breakers")) {
            Node list = fields.get("breakers").getValueNode();
            if (list instanceof SequenceNode seq) {
                Set<String> names = new HashSet<>();
                for (int i = 0; i < seq.getValue().size(); i++) {
                    BreakerRule rule = breaker(seq.getValue().get(i), i, defaults, names);
                    if (rule != null) {
                        breakers.add(rule);
                    }
                }
            } else if (!isNull(list)) {
                problem(list, "breakers must be a list: start each breaker with '- name: ...'");
            }
        }
        if (!problems.isEmpty()) {
            throw new RulesException(problems);
        }
        return new RulesFile(file, version, agent, breakers, notices);
    }

    // ------------------------------------------------------------------ blocks

    private AgentSettings agent(Node node) {
        MappingNode m = mapping(node, "agent");
        if (m == null) {
            return AgentSettings.DEFAULTS;
        }
        Map<String, NodeTuple> f = fields(m, "agent", AGENT_KEYS);
        LogLevel log = LogLevel.INFO;
        if (f.containsKey("log")) {
            Node n = f.get("log").getValueNode();
            String s = string(n, "agent.log");
            if (s != null) {
                log = oneOf(n, "agent.log", s, LogLevel.class, LogLevel.INFO);
            }
        }
        boolean reload = f.containsKey("reload") && Boolean.TRUE.equals(bool(f.get("reload").getValueNode(), "agent.reload"));
        boolean chaos = f.containsKey("chaos") && Boolean.TRUE.equals(bool(f.get("chaos").getValueNode(), "agent.chaos"));
        if (chaos) {
            notYet(f.get("chaos"), "agent.chaos", "no faults are injected");
        }
        if (f.containsKey("cluster")) {
            notYet(f.get("cluster"), "agent.cluster", "breakers stay local to this JVM");
        }
        HttpSettings http = f.containsKey("http") ? http(f.get("http").getValueNode()) : null;
        return new AgentSettings(log, reload, chaos, http);
    }

    private HttpSettings http(Node node) {
        MappingNode m = mapping(node, "agent.http");
        if (m == null) {
            return null;
        }
        Map<String, NodeTuple> f = fields(m, "agent.http", List.of("port", "bind", "token"));
        int port = HttpSettings.DEFAULT_PORT;
        if (f.containsKey("port")) {
            Integer p = integer(f.get("port").getValueNode(), "agent.http.port", 0, 65535);
            port = p == null ? port : p;
        }
        String bind = HttpSettings.DEFAULT_BIND;
        if (f.containsKey("bind")) {
            String b = string(f.get("bind").getValueNode(), "agent.http.bind");
            bind = b == null ? bind : b;
        }
        String token = null;
        if (f.containsKey("token")) {
            token = string(f.get("token").getValueNode(), "agent.http.token");
            if (token != null && token.isBlank()) {
                problem(f.get("token").getValueNode(), "agent.http.token is empty: set a secret, or leave token out"
                        + " (then POST operations answer 403)");
            }
        }
        return new HttpSettings(port, bind, token);
    }

    private BreakerRule breaker(Node node, int index, BreakerConfig.Builder defaults, Set<String> names) {
        String where = "breakers[" + index + "]";
        MappingNode m = mapping(node, where);
        if (m == null) {
            return null;
        }
        int before = problems.size();
        Map<String, NodeTuple> f = fields(m, where, BREAKER_KEYS);
        String name = null;
        if (!f.containsKey("name")) {
            missing(m, "name", where + " has no 'name': give it a unique name of letters, digits, '.', '_' or '-'");
        } else {
            Node n = f.get("name").getValueNode();
            name = string(n, where + ".name");
            if (name != null && !NAME.matcher(name).matches()) {
                problem(n, where + ".name '" + name + "' may only use letters, digits, '.', '_' and '-'");
            } else if (name != null && !names.add(name)) {
                problem(n, "the name '" + name + "' is used by an earlier breaker: breaker names must be unique");
            }
            where = where + " (" + name + ")";
        }
        Presets.Preset preset = null;
        String presetName = null;
        if (f.containsKey("preset")) {
            Node n = f.get("preset").getValueNode();
            presetName = string(n, where + ".preset");
            if (presetName != null) {
                preset = Presets.get(presetName);
                if (preset == null) {
                    String close = Suggestions.closest(presetName, Presets.names());
                    problem(n, "unknown preset '" + presetName + "'" + (close != null ? "; did you mean '" + close + "'?" : "")
                            + " Presets: " + String.join(", ", Presets.names()) + ".");
                }
            }
        }
        List<MatchSpec> matches = preset != null ? preset.matches() : List.of();
        if (f.containsKey("match")) {
            matches = matches(f.get("match").getValueNode(), where + ".match");
        } else if (preset == null && presetName == null) {
            missing(m, "match", where + " has no 'match:': name the class (type:) and methods (methods:) it guards, or use a preset");
        }
        KeyExpression key = preset != null ? preset.key() : null;
        if (f.containsKey("key")) {
            Node n = f.get("key").getValueNode();
            if (isNull(n)) {
                key = null;
            } else {
                String s = string(n, where + ".key");
                if (s != null) {
                    try {
                        key = KeyExpression.parse(s);
                    } catch (IllegalArgumentException e) {
                        problem(n, where + ".key: " + e.getMessage());
                    }
                }
            }
        }
        Integer writtenMaxKeys = f.containsKey("maxKeys")
                ? integer(f.get("maxKeys").getValueNode(), where + ".maxKeys", 1, 1_000_000) : null;
        FailOn failOn = preset != null ? preset.failOn() : FailOn.DEFAULTS;
        if (f.containsKey("failOn")) {
            failOn = failOn(f.get("failOn").getValueNode(), where + ".failOn", failOn);
        }
        WhenOpen whenOpen = preset != null ? preset.whenOpen() : WhenOpen.DEFAULT;
        if (f.containsKey("whenOpen")) {
            whenOpen = whenOpen(f.get("whenOpen").getValueNode(), where + ".whenOpen");
        }
        for (String later : NOT_YET) {
            if (f.containsKey(later)) {
                notYet(f.get(later), where + "." + later, "the breaker works without it");
            }
        }
        BreakerConfig.Builder settings = defaults.copy();
        settings(f, settings, where);
        BreakerConfig config = build(settings, m, where);
        if (problems.size() > before || config == null) {
            return null;
        }
        int maxKeys = writtenMaxKeys != null ? writtenMaxKeys : BreakerRule.defaultMaxKeys(config);
        long bytes = (long) maxKeys * config.window().maxBytesPerBreaker();
        if (key != null && writtenMaxKeys != null && bytes > BreakerRule.MAX_BYTES) {
            problem(f.get("maxKeys").getValueNode(), where + ": maxKeys " + maxKeys + " breakers with this window can"
                    + " hold " + Memory.text(bytes) + ", more than the " + Memory.text(BreakerRule.MAX_BYTES) + " a rule"
                    + " may use: lower maxKeys (at most " + BreakerRule.defaultMaxKeys(config) + ") or the window size");
            return null;
        }
        return new BreakerRule(name, matches, key, maxKeys, failOn, whenOpen, config, presetName);
    }

    private List<MatchSpec> matches(Node node, String where) {
        List<MatchSpec> out = new ArrayList<>();
        if (node instanceof SequenceNode seq) {
            for (int i = 0; i < seq.getValue().size(); i++) {
                MatchSpec spec = match(seq.getValue().get(i), where + "[" + i + "]");
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

    private MatchSpec match(Node node, String where) {
        MappingNode m = mapping(node, where);
        if (m == null) {
            return null;
        }
        Map<String, NodeTuple> f = fields(m, where, List.of("type", "subtypes", "methods", "params"));
        String type = null;
        if (!f.containsKey("type")) {
            missing(m, "type", where + " has no 'type': name a class or interface (com.acme.PaymentsClient, com.acme.*Client)");
        } else {
            Node n = f.get("type").getValueNode();
            type = string(n, where + ".type");
            if (type != null && !TYPE_GLOB.matcher(type).matches()) {
                problem(n, where + ".type '" + type + "' is not a class name or glob (letters, digits, '.', '$', '*')");
            }
        }
        boolean subtypes = false;
        if (f.containsKey("subtypes")) {
            Boolean b = bool(f.get("subtypes").getValueNode(), where + ".subtypes");
            subtypes = Boolean.TRUE.equals(b);
        }
        List<String> methods = null;
        if (!f.containsKey("methods")) {
            missing(m, "methods", where + " has no 'methods': list the method names or globs to guard ([charge, \"refund*\"])");
        } else {
            Node n = f.get("methods").getValueNode();
            methods = strings(n, where + ".methods");
            if (methods != null && methods.isEmpty()) {
                problem(n, where + ".methods is empty: list at least one method name or glob");
            }
            if (methods != null) {
                for (String method : methods) {
                    String refused = OffLimits.methodRefusal(method);
                    if (!METHOD_GLOB.matcher(method).matches()) {
                        problem(n, where + ".methods: '" + method + "' is not a method name or glob");
                    } else if (refused != null) {
                        problem(n, where + ".methods: " + refused);
                    }
                }
            }
        }
        List<String> params = null;
        if (f.containsKey("params")) {
            Node n = f.get("params").getValueNode();
            params = strings(n, where + ".params");
            if (params != null) {
                for (String p : params) {
                    if (!PARAM_TYPE.matcher(p).matches()) {
                        problem(n, where + ".params: '" + p + "' is not a type name (java.lang.String, long, byte[])");
                    }
                }
            }
        }
        if (type != null && TYPE_GLOB.matcher(type).matches()) {
            String refused = OffLimits.typeRefusal(type, subtypes);
            if (refused != null) {
                problem(f.get("type").getValueNode(), where + ": " + refused);
            }
        }
        if (type == null || methods == null) {
            return null;
        }
        return new MatchSpec(type, subtypes, methods, params);
    }

    private FailOn failOn(Node node, String where, FailOn base) {
        MappingNode m = mapping(node, where);
        if (m == null) {
            return base;
        }
        Map<String, NodeTuple> f = fields(m, where,
                List.of("exceptions", "ignore", "result", "ignoreResult", "ignoreSqlStates"));
        List<String> exceptions = base.exceptions();
        if (f.containsKey("exceptions")) {
            exceptions = classNames(f.get("exceptions").getValueNode(), where + ".exceptions");
        }
        List<String> ignore = base.ignore();
        if (f.containsKey("ignore")) {
            ignore = classNames(f.get("ignore").getValueNode(), where + ".ignore");
        }
        List<ResultExpression> result = f.containsKey("result")
                ? predicates(f.get("result").getValueNode(), where + ".result") : base.result();
        List<ResultExpression> ignoreResult = f.containsKey("ignoreResult")
                ? predicates(f.get("ignoreResult").getValueNode(), where + ".ignoreResult") : base.ignoreResult();
        List<String> sqlStates = base.ignoreSqlStates();
        if (f.containsKey("ignoreSqlStates")) {
            List<String> s = strings(f.get("ignoreSqlStates").getValueNode(), where + ".ignoreSqlStates");
            sqlStates = s == null ? sqlStates : s;
        }
        return new FailOn(exceptions, ignore, result, sqlStates, ignoreResult);
    }

    private List<ResultExpression> predicates(Node n, String where) {
        List<String> texts = strings(n, where);
        List<ResultExpression> parsed = new ArrayList<>();
        for (String t : texts == null ? List.<String>of() : texts) {
            try {
                parsed.add(ResultExpression.parse(t));
            } catch (IllegalArgumentException e) {
                problem(n, where + ": " + e.getMessage());
            }
        }
        return parsed;
    }

    private List<String> classNames(Node n, String where) {
        List<String> names = strings(n, where);
        if (names == null) {
            return List.of();
        }
        for (String name : names) {
            if (!CLASS_NAME.matcher(name).matches()) {
                problem(n, where + ": '" + name + "' is not a class name (java.io.IOException)");
            }
        }
        return names;
    }

    private WhenOpen whenOpen(Node node, String where) {
        MappingNode m = mapping(node, where);
        if (m == null) {
            return WhenOpen.DEFAULT;
        }
        Map<String, NodeTuple> f = fields(m, where, List.of("throw", "return", "call", "lastGood"));
        if (f.size() != 1) {
            if (!f.isEmpty() || m.getValue().isEmpty()) {
                problem(m, where + " needs exactly one of throw, return, call or lastGood"
                        + (f.size() > 1 ? " (it has " + String.join(", ", f.keySet()) + ")" : ""));
            }
            return WhenOpen.DEFAULT;
        }
        String kind = f.keySet().iterator().next();
        Node n = f.get(kind).getValueNode();
        switch (kind) {
            case "throw" -> {
                String type = string(n, where + ".throw");
                if (type != null && !CLASS_NAME.matcher(type).matches()) {
                    problem(n, where + ".throw: '" + type + "' is not an exception class name (java.net.ConnectException)");
                }
                return new WhenOpen.Throw(type == null ? WhenOpen.DEFAULT_EXCEPTION : type);
            }
            case "return" -> {
                return returnValue(n, where + ".return");
            }
            case "call" -> {
                String target = string(n, where + ".call");
                if (target == null) {
                    return WhenOpen.DEFAULT;
                }
                int hash = target.indexOf('#');
                if (hash <= 0 || hash == target.length() - 1 || !CLASS_NAME.matcher(target.substring(0, hash)).matches()) {
                    problem(n, where + ".call: '" + target + "' must be Class#method (com.acme.Fallbacks#charge)");
                    return WhenOpen.DEFAULT;
                }
                return new WhenOpen.Call(target.substring(0, hash), target.substring(hash + 1));
            }
            default -> {
                long ttl = 600_000_000_000L;
                int max = 1000;
                if (!isNull(n)) {
                    MappingNode lg = mapping(n, where + ".lastGood");
                    if (lg != null) {
                        Map<String, NodeTuple> lf = fields(lg, where + ".lastGood", List.of("ttl", "max"));
                        if (lf.containsKey("ttl")) {
                            Long d = duration(lf.get("ttl").getValueNode(), where + ".lastGood.ttl", false);
                            ttl = d == null ? ttl : d;
                        }
                        if (lf.containsKey("max")) {
                            Integer i = integer(lf.get("max").getValueNode(), where + ".lastGood.max", 1, 10_000_000);
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
            problem(n, where + " must be a single value: null, true, 42, \"text\" or empty");
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
                problem(n, where + ": " + value + " is too large for a whole number");
                return new WhenOpen.Return(null, false);
            }
        }
        if (Tag.FLOAT.equals(tag)) {
            return new WhenOpen.Return(Double.valueOf(value.replace("_", "")), false);
        }
        if (s.isPlain() && value.equals("empty")) {
            return new WhenOpen.Return(null, true);
        }
        return new WhenOpen.Return(substitute(n, value), false);
    }

    // ------------------------------------------------------------------ settings (defaults: and per breaker)

    /** The config a builder holds, or null after reporting (at {@code at}) why its values do not fit together. */
    private BreakerConfig build(BreakerConfig.Builder settings, Node at, String where) {
        try {
            return settings.build();
        } catch (IllegalArgumentException e) {
            problem(at, where + ": " + e.getMessage());
            return null;
        }
    }

    private void settings(Map<String, NodeTuple> f, BreakerConfig.Builder s, String where) {
        for (Map.Entry<String, NodeTuple> e : f.entrySet()) {
            String key = e.getKey();
            Node n = e.getValue().getValueNode();
            String at = where + "." + key;
            switch (key) {
                case "mode" -> {
                    String v = string(n, at);
                    Mode mode = v == null ? null : oneOf(n, at, v, Mode.class, null);
                    if (mode != null) {
                        s.mode(mode);
                    }
                }
                case "failureRate" -> set(rate(n, at), s::failureRate);
                case "slowCall" -> set(duration(n, at, true), s::slowCallNanos);
                case "slowCallRate" -> set(rate(n, at), s::slowCallRate);
                case "minimumCalls" -> set(integer(n, at, 1, Integer.MAX_VALUE), s::minimumCalls);
                case "consecutiveFailures" -> set(integer(n, at, 0, Integer.MAX_VALUE), s::consecutiveFailures);
                case "window" -> set(window(n, at, s.window()), s::window);
                case "openFor" -> set(duration(n, at, false), s::openForNanos);
                case "backoff" -> {
                    MappingNode m = mapping(n, at);
                    if (m != null) {
                        Map<String, NodeTuple> bf = fields(m, at, List.of("multiplier", "max"));
                        if (bf.containsKey("multiplier")) {
                            set(number(bf.get("multiplier").getValueNode(), at + ".multiplier"), s::backoffMultiplier);
                        }
                        if (bf.containsKey("max")) {
                            set(duration(bf.get("max").getValueNode(), at + ".max", false), s::backoffMaxNanos);
                        }
                    }
                }
                case "halfOpen" -> {
                    MappingNode m = mapping(n, at);
                    if (m != null) {
                        Map<String, NodeTuple> hf = fields(m, at, List.of("calls", "successes", "maxWait"));
                        if (hf.containsKey("calls")) {
                            set(integer(hf.get("calls").getValueNode(), at + ".calls", 1,
                                    BreakerConfig.HalfOpen.MAX_CALLS), s::halfOpenCalls);
                        }
                        if (hf.containsKey("successes")) {
                            set(integer(hf.get("successes").getValueNode(), at + ".successes", 1,
                                    Integer.MAX_VALUE), s::halfOpenSuccesses);
                        }
                        if (hf.containsKey("maxWait")) {
                            set(duration(hf.get("maxWait").getValueNode(), at + ".maxWait", false),
                                    s::halfOpenMaxWaitNanos);
                        }
                    }
                }
                case "idleReset" -> set(duration(n, at, true), s::idleResetNanos);
                default -> {
                    // breaker-only keys are handled by breaker()
                }
            }
        }
    }

    /**
     * A {@code window:} block, or null (reported) when it cannot be read. A key left out takes
     * the inherited window's type, and a time window's {@code buckets} left out adapts to a
     * short {@code size} (at most one bucket per 10 ms).
     */
    private WindowConfig window(Node n, String at, WindowConfig current) {
        MappingNode m = mapping(n, at);
        if (m == null) {
            return null;
        }
        Map<String, NodeTuple> f = fields(m, at, List.of("type", "size", "buckets"));
        String type = current instanceof WindowConfig.Count ? "count" : "time";
        if (f.containsKey("type")) {
            Node t = f.get("type").getValueNode();
            String v = string(t, at + ".type");
            if (v != null && !v.equals("time") && !v.equals("count")) {
                problem(t, at + ".type '" + v + "' is not a window type: use time or count");
                return null;
            }
            type = v == null ? type : v;
        }
        try {
            if (type.equals("count")) {
                if (f.containsKey("buckets")) {
                    problem(f.get("buckets").getKeyNode(), at + ".buckets applies only to time windows");
                }
                Integer size = f.containsKey("size")
                        ? integer(f.get("size").getValueNode(), at + ".size", 1, WindowConfig.Count.MAX_SIZE)
                        : Integer.valueOf(WindowConfig.Count.DEFAULT_SIZE);
                return size == null ? null : new WindowConfig.Count(size);
            }
            Long size = f.containsKey("size") ? duration(f.get("size").getValueNode(), at + ".size", false)
                    : Long.valueOf(WindowConfig.Time.DEFAULT_SIZE_NANOS);
            Integer buckets = f.containsKey("buckets")
                    ? integer(f.get("buckets").getValueNode(), at + ".buckets", 1, WindowConfig.Time.MAX_BUCKETS)
                    : size == null ? null : Integer.valueOf(WindowConfig.Time.defaultBuckets(size));
            return size == null || buckets == null ? null : new WindowConfig.Time(size, buckets);
        } catch (IllegalArgumentException e) {
            problem(m, at + ": " + e.getMessage());
            return null;
        }
    }

    // ------------------------------------------------------------------ values

    private Map<String, NodeTuple> fields(MappingNode m, String where, List<String> allowed) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                problem(t.getKeyNode(), "a key in " + where + " must be a plain word");
                continue;
            }
            String key = k.getValue();
            if (!allowed.contains(key)) {
                String close = Suggestions.closest(key, allowed);
                if (close != null) {
                    misspelt.computeIfAbsent(m, x -> new HashSet<>()).add(close);
                }
                problem(k, "unknown key '" + key + "' in " + where
                        + (close != null ? "; did you mean '" + close + "'?" : ".")
                        + " Allowed: " + String.join(", ", allowed) + ".");
                continue;
            }
            if (out.put(key, t) != null) {
                problem(k, "'" + key + "' appears twice in " + where + ": keep one");
            }
        }
        return out;
    }

    private MappingNode mapping(Node n, String where) {
        if (n instanceof MappingNode m) {
            return m;
        }
        problem(n, where + " must be a mapping of 'key: value' lines" + (n instanceof ScalarNode s && !s.getValue().isEmpty()
                ? ", not '" + s.getValue() + "'" : ""));
        return null;
    }

    private String string(Node n, String where) {
        if (n instanceof ScalarNode s && !Tag.NULL.equals(s.getTag())) {
            return substitute(n, s.getValue().trim()); // null when a variable is missing (already reported)
        }
        problem(n, where + " needs a single value here");
        return null;
    }

    private List<String> strings(Node n, String where) {
        if (n instanceof ScalarNode s && !Tag.NULL.equals(s.getTag())) {
            String v = substitute(n, s.getValue().trim());
            return v == null ? null : List.of(v);
        }
        if (n instanceof SequenceNode seq) {
            List<String> out = new ArrayList<>();
            for (Node item : seq.getValue()) {
                String v = string(item, where);
                if (v != null) {
                    out.add(v);
                }
            }
            return out;
        }
        problem(n, where + " needs a value or a list of values ([a, b])");
        return null;
    }

    private Integer integer(Node n, String where, int min, int max) {
        String s = string(n, where);
        if (s == null) {
            return null;
        }
        try {
            long v = Long.parseLong(s.replace("_", ""));
            if (v < min || v > max) {
                problem(n, where + " is " + s + " but must be " + (max == Integer.MAX_VALUE ? "at least " + min
                        : "from " + min + " to " + max));
                return null;
            }
            return (int) v;
        } catch (NumberFormatException e) {
            problem(n, where + " must be a whole number, not '" + s + "'");
            return null;
        }
    }

    private Double number(Node n, String where) {
        String s = string(n, where);
        if (s == null) {
            return null;
        }
        try {
            return Double.valueOf(s);
        } catch (NumberFormatException e) {
            problem(n, where + " must be a number, not '" + s + "'");
            return null;
        }
    }

    private Boolean bool(Node n, String where) {
        String s = string(n, where);
        if (s == null) {
            return null;
        }
        if (s.equals("true") || s.equals("false")) {
            return Boolean.valueOf(s);
        }
        problem(n, where + " must be true or false, not '" + s + "'");
        return null;
    }

    /** A duration in nanoseconds: 250ms, 30s, 5m, 1h; 0 only where {@code zeroAllowed}. */
    private Long duration(Node n, String where, boolean zeroAllowed) {
        String s = string(n, where);
        if (s == null) {
            return null;
        }
        if (s.equals("0")) {
            if (zeroAllowed) {
                return 0L;
            }
            problem(n, where + " must be more than 0 (250ms, 30s, 5m, 1h)");
            return null;
        }
        Matcher m = DURATION.matcher(s);
        if (!m.matches()) {
            problem(n, where + " '" + s + "' is not a duration: write a whole number and a unit, 250ms, 30s, 5m or 1h"
                    + (zeroAllowed ? " (0 = off)" : ""));
            return null;
        }
        long amount = Long.parseLong(m.group(1));
        long unit = switch (m.group(2)) {
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
        if (amount > Long.MAX_VALUE / unit / 4) {
            problem(n, where + " '" + s + "' is too long");
            return null;
        }
        if (amount == 0 && !zeroAllowed) {
            problem(n, where + " must be more than 0");
            return null;
        }
        return amount * unit;
    }

    /** A rate in percent: 50% or 50. */
    private Double rate(Node n, String where) {
        String s = string(n, where);
        if (s == null) {
            return null;
        }
        Matcher m = RATE.matcher(s);
        if (!m.matches()) {
            problem(n, where + " '" + s + "' is not a rate: write a percentage such as 50% or 50");
            return null;
        }
        double v = Double.parseDouble(m.group(1));
        if (v <= 0 || v > 100) {
            problem(n, where + " is " + s + " but must be more than 0% and at most 100%");
            return null;
        }
        return v;
    }

    private <E extends Enum<E>> E oneOf(Node n, String where, String value, Class<E> type, E fallback) {
        List<String> allowed = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            allowed.add(e.name().toLowerCase(Locale.ROOT));
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        String close = Suggestions.closest(value, allowed);
        problem(n, where + " '" + value + "' is not allowed" + (close != null ? "; did you mean '" + close + "'?" : ".")
                + " Use one of: " + String.join(", ", allowed) + ".");
        return fallback;
    }

    /** Replaces {@code ${VAR}} with the environment variable's value. */
    private String substitute(Node n, String value) {
        if (value.indexOf("${") < 0) {
            return value;
        }
        Matcher m = ENV.matcher(value);
        StringBuilder out = new StringBuilder();
        boolean complete = true;
        while (m.find()) {
            String v = environment.apply(m.group(1));
            if (v == null) {
                problem(n, "the environment variable " + m.group(1) + " is not set: set it, or write the value here");
                complete = false;
                v = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return complete ? out.toString() : null;
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    /** Hands a value that was read to its setter; a value that could not be read (null) was reported already. */
    private static <T> void set(T value, java.util.function.Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    private void notYet(NodeTuple t, String what, String consequence) {
        Mark mark = t.getKeyNode().getStartMark();
        notices.add(new Problem(file, mark.getLine() + 1, mark.getColumn() + 1,
                what + " is not supported yet: it is accepted and ignored; " + consequence));
    }

    /** A required key is absent, unless a misspelt key was already reported as meaning it. */
    private void missing(MappingNode m, String key, String message) {
        if (!misspelt.getOrDefault(m, Set.of()).contains(key)) {
            problem(m, message);
        }
    }

    void problem(Node n, String message) {
        Mark mark = n.getStartMark();
        problems.add(new Problem(file, mark.getLine() + 1, mark.getColumn() + 1, message));
    }
}
