package dev.tripswitch.rules;

/** One {@code key: value} of a {@link YamlMapping}, in the order written. */
final class YamlEntry {
    private final YamlNode key;
    private final YamlNode value;

    YamlEntry(YamlNode key, YamlNode value) {
        this.key = key;
        this.value = value;
    }

    YamlNode key() {
        return key;
    }

    YamlNode value() {
        return value;
    }

    @Override
    public String toString() {
        return key + ": " + value;
    }
}
