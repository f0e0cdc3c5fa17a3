package dev.tripswitch.rules;

import java.util.List;

/**
 * {@code key: value} lines or {@code {key: value}}: its entries in the order written,
 * duplicate keys kept (the readers report them where they are).
 */
final class YamlMapping extends YamlNode {
    private final List<YamlEntry> entries;

    YamlMapping(List<YamlEntry> entries, int line, int column) {
        super(line, column);
        this.entries = List.copyOf(entries);
    }

    List<YamlEntry> entries() {
        return entries;
    }

    @Override
    public String toString() {
        return "mapping " + entries;
    }
}
