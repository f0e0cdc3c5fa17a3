package dev.tripswitch.rules;

/**
 * A single value: its text as written (without quotes), whether it was written plain (not
 * quoted, not a block), and its explicit tag ({@code !!str 42}) if it has one. What the
 * text means is up to the reader that expects it; only null is decided here, as YAML's
 * core schema does: untagged, unquoted {@code ~}, {@code null} or nothing, or tagged
 * {@code !!null}.
 */
final class YamlScalar extends YamlNode {
    /** The prefix of the standard tags ({@code !!int} is {@code tag:yaml.org,2002:int}). */
    static final String TAG_PREFIX = "tag:yaml.org,2002:";

    private final String value;
    private final String tag;
    private final boolean plain;

    YamlScalar(String value, String tag, boolean plain, int line, int column) {
        super(line, column);
        this.value = value;
        this.tag = tag;
        this.plain = plain;
    }

    /** The text as written, without quotes; empty for a value written as nothing. */
    String value() {
        return value;
    }

    /** The explicit tag, in full ({@code tag:yaml.org,2002:str}), or null when there is none. */
    String tag() {
        return tag;
    }

    /** Written without quotes and not as a block ({@code |} or {@code >}), and untagged. */
    boolean isPlain() {
        return plain;
    }

    boolean isNull() {
        if (tag != null) {
            return tag.equals(TAG_PREFIX + "null");
        }
        return plain && (value.isEmpty() || value.equals("~") || value.equals("null") || value.equals("Null")
                || value.equals("NULL"));
    }

    @Override
    public String toString() {
        return isNull() ? "null" : "'" + value + "'";
    }
}
