package dev.tripswitch.rules;

import java.io.StringReader;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Node;

/** YAML snippets as the node trees the readers take, and a reader whose environment the test sets. */
final class Nodes {
    private Nodes() {
    }

    static Node of(String yaml) {
        return new Yaml().compose(new StringReader(yaml));
    }

    static YamlReader reader() {
        return new YamlReader("rules.yml", Map.of("TOKEN", "s3cret")::get);
    }
}
