package dev.tripswitch.rules;

/**
 * A node of a rules file as {@link YamlComposer} builds it: a scalar, a mapping or a
 * sequence, with the line and column (1-based) where it starts, so that a value that
 * cannot be used is reported where the user wrote it. The agent's own tree rather than
 * SnakeYAML's: SnakeYAML's nodes carry resolved tags, and its tag table and resolver load
 * and compile more at start than reading a rules file needs.
 */
abstract class YamlNode {
    private final int line;
    private final int column;

    YamlNode(int line, int column) {
        this.line = line;
        this.column = column;
    }

    /** The line the node starts on, from 1. */
    final int line() {
        return line;
    }

    /** The column the node starts at, from 1. */
    final int column() {
        return column;
    }
}
