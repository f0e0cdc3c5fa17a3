package dev.tripswitch.rules;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.tripswitch.engine.BreakerConfig;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Turns the text of a rules file into a {@link RulesFile}, or into every problem it has.
 * Works on SnakeYAML's node tree (not on maps) through a {@link YamlReader}, so that each
 * problem can say the line and column of the key or value at fault; each block has a
 * reader of its own ({@link AgentReader}, {@link SettingsReader}, {@link BreakerReader} and
 * the readers it uses). One instance parses one file.
 */
final class RulesParser {
    static final List<String> TOP_KEYS = List.of("version", "agent", "defaults", "breakers");

    private final YamlReader y;

    RulesParser(String file, Function<String, String> environment) {
        this.y = new YamlReader(file, environment);
    }

    RulesFile parse(String text) throws RulesException {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            // the node tree alone: no Constructor or Representer (they would load a hundred classes at start)
            root = new Composer(new ParserImpl(new StreamReader(new StringReader(text)), options), new Resolver(), options)
                    .getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            y.problems().add(new Problem(y.file(), mark == null ? 1 : mark.getLine() + 1, mark == null ? 1 : mark.getColumn() + 1,
                    "this is not valid YAML: " + what + " (check the indentation and the ':' after each key)"));
            throw new RulesException(y.problems());
        } catch (YAMLException e) {
            y.problems().add(new Problem(y.file(), 1, 1, "this is not valid YAML: " + e.getMessage()));
            throw new RulesException(y.problems());
        }
        if (root == null) {
            y.problems().add(new Problem(y.file(), 1, 1, "the file is empty: it needs at least 'version: 1' and a 'breakers:' list"));
            throw new RulesException(y.problems());
        }
        MappingNode top = y.mapping(root, "the top level");
        if (top == null) {
            throw new RulesException(y.problems());
        }
        Map<String, NodeTuple> fields = y.fields(top, "the top level", TOP_KEYS);
        int version = 1;
        NodeTuple v = fields.get("version");
        if (v == null) {
            y.missing(top, "version", "'version: 1' is missing at the top of the file");
        } else {
            Integer n = y.integer(v.getValueNode(), "version", 1, Integer.MAX_VALUE);
            if (n != null && n != 1) {
                y.problem(v.getValueNode(), "version " + n + " is not known to this agent: use 'version: 1'");
            }
        }
        AgentSettings agent = fields.containsKey("agent") ? new AgentReader(y).agent(fields.get("agent").getValueNode())
                : AgentSettings.DEFAULTS;
        BreakerConfig.Builder defaults = BreakerConfig.builder();
        if (fields.containsKey("defaults")) {
            MappingNode d = y.mapping(fields.get("defaults").getValueNode(), "defaults");
            if (d != null) {
                Map<String, NodeTuple> df = y.fields(d, "defaults", SettingsReader.SETTING_KEYS);
                SettingsReader settings = new SettingsReader(y);
                settings.settings(df, defaults, "defaults");
                settings.build(defaults, d, "defaults");
            }
        }
        List<BreakerRule> breakers = new ArrayList<>();
        if (fields.containsKey("breakers")) {
            Node list = fields.get("breakers").getValueNode();
            if (list instanceof SequenceNode seq) {
                Set<String> names = new HashSet<>();
                BreakerReader reader = new BreakerReader(y);
                for (int i = 0; i < seq.getValue().size(); i++) {
                    BreakerRule rule = reader.breaker(seq.getValue().get(i), i, defaults, names);
                    if (rule != null) {
                        breakers.add(rule);
                    }
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
}
