package dev.tripswitch.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.tripswitch.engine.BreakerConfig;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Turns the text of a rules file into a {@link RulesFile}, or into every problem it has.
 * Works on the file's node tree (not on maps) through a {@link YamlReader}, so that each
 * problem can say the line and column of the key or value at fault; each block has a
 * reader of its own ({@link AgentReader}, {@link SettingsReader}, {@link BreakerReader} and
 * the readers it uses). One instance parses one file.
 */
final class RulesParser {
    static final List<String> TOP_KEYS = List.of("version", "agent", "defaults", "breakers");

    private final YamlReader y;
    private final PresetCatalog presets;

    RulesParser(String file, Function<String, String> environment, PresetCatalog presets) {
        this.y = new YamlReader(file, environment);
        this.presets = presets;
    }

    /**
     * What to check on the line YAML stopped at: an unquoted {@code ${VAR}} inside a flow
     * mapping or list ({@code http: {port: ${PORT}}}) reads as a nested mapping, so say to
     * quote it; otherwise the usual suspects.
     */
    static String hint(String text, Mark mark) {
        String[] lines = text.split("\r?\n", -1);
        int line = mark == null ? -1 : mark.getLine();
        for (int i = Math.max(0, line - 1); i <= line && i < lines.length; i++) {
            if (i >= 0 && lines[i].contains("${") && (lines[i].contains("{") && lines[i].indexOf('{') < lines[i].indexOf("${")
                    || lines[i].contains("["))) {
                return " (a ${VAR} inside { } or [ ] must be quoted: port: \"${PORT}\")";
            }
        }
        return " (check the indentation and the ':' after each key)";
    }

    RulesFile parse(String text) throws RulesException {
        YamlNode root;
        try {
            root = YamlComposer.compose(text);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            y.problems().add(new Problem(y.file(), mark == null ? 1 : mark.getLine() + 1, mark == null ? 1 : mark.getColumn() + 1,
                    "this is not valid YAML: " + what + (e instanceof YamlComposer.Malformed ? ""
                            : hint(text, mark))));
            throw new RulesException(y.problems());
        } catch (YAMLException e) {
            y.problems().add(new Problem(y.file(), 1, 1, "this is not valid YAML: " + e.getMessage()));
            throw new RulesException(y.problems());
        }
        if (root == null) {
            y.problems().add(new Problem(y.file(), 1, 1, "the file is empty: it needs at least 'version: 1' and a 'breakers:' list"));
            throw new RulesException(y.problems());
        }
        YamlMapping top = y.mapping(root, "the top level");
        if (top == null) {
            throw new RulesException(y.problems());
        }
        Map<String, YamlEntry> fields = y.fields(top, "the top level", TOP_KEYS);
        int version = 1;
        YamlEntry v = fields.get("version");
        if (v == null) {
            y.missing(top, "version", "'version: 1' is missing at the top of the file");
        } else {
            Integer n = y.integer(v.value(), "version", 1, Integer.MAX_VALUE);
            if (n != null && n != 1) {
                y.problem(v.value(), "version " + n + " is not known to this agent: use 'version: 1'");
            }
        }
        AgentSettings agent = fields.containsKey("agent") ? new AgentReader(y).agent(fields.get("agent").value())
                : AgentSettings.DEFAULTS;
        BreakerConfig.Builder defaults = BreakerConfig.builder();
        if (fields.containsKey("defaults")) {
            YamlMapping d = y.mapping(fields.get("defaults").value(), "defaults");
            if (d != null) {
                Map<String, YamlEntry> df = y.fields(d, "defaults", SettingsReader.SETTING_KEYS);
                SettingsReader settings = new SettingsReader(y);
                settings.settings(df, defaults, "defaults");
                settings.build(defaults, d, "defaults");
            }
        }
        List<BreakerRule> breakers = new ArrayList<>();
        if (fields.containsKey("breakers")) {
            YamlNode list = fields.get("breakers").value();
            if (list instanceof YamlSequence) {
                YamlSequence seq = (YamlSequence) list;
                Set<String> names = new HashSet<>();
                BreakerReader reader = new BreakerReader(y, presets);
                for (int i = 0; i < seq.items().size(); i++) {
                    BreakerRule rule = reader.breaker(seq.items().get(i), i, defaults, names);
                    if (rule != null) {
                        breakers.add(rule);
                    }
                }
                int subtypeTypes = subtypeTypes(breakers);
                if (subtypeTypes > MatchSpec.MAX_SUBTYPE_TYPES) {
                    y.problem(list, "the rules name " + subtypeTypes + " distinct types with 'subtypes: true' (presets"
                            + " count theirs); at most " + MatchSpec.MAX_SUBTYPE_TYPES + " are supported: name the"
                            + " classes themselves, or match a common supertype once");
                }
            } else if (!y.isNull(list)) {
                y.problem(list, "breakers must be a list: start each breaker with '- name: ...'");
            }
        }
        if (y.problemCount() > 0) {
            throw new RulesException(y.problems());
        }
        return new RulesFile(y.file(), version, agent, breakers, y.notices());
    }

    /** How many distinct types the rules match with their subtypes (each takes one bit of the weaver's table). */
    static int subtypeTypes(List<BreakerRule> breakers) {
        Set<String> types = new HashSet<>();
        for (BreakerRule rule : breakers) {
            for (MatchSpec m : rule.matches()) {
                if (m.subtypes()) {
                    types.add(m.type());
                }
            }
        }
        return types.size();
    }
}
