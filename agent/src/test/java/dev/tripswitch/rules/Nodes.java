package dev.tripswitch.rules;

import java.util.Map;

/** YAML snippets as the node trees the readers take, and a reader whose environment the test sets. */
final class Nodes {
    private Nodes() {
    }

    static YamlNode of(String yaml) {
        return YamlComposer.compose(yaml);
    }

    static YamlReader reader() {
        return new YamlReader("rules.yml", Map.of("TOKEN", "s3cret")::get);
    }
}
