package dev.tripswitch.rules;

import java.util.List;

/** {@code - item} lines or {@code [a, b]}: its items in the order written. */
final class YamlSequence extends YamlNode {
    private final List<YamlNode> items;

    YamlSequence(List<YamlNode> items, int line, int column) {
        super(line, column);
        this.items = List.copyOf(items);
    }

    List<YamlNode> items() {
        return items;
    }

    @Override
    public String toString() {
        return "sequence " + items;
    }
}
