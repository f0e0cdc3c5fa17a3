package dev.tripswitch.rules;

/**
 * One mistake in a rules file, where it is and what to do about it. Printed as
 * {@code rules.yml:12:7: <message>}, the form editors and terminals turn into links.
 */
public final class Problem {
    private final String file;
    private final int line;
    private final int column;
    private final String message;

    public Problem(String file, int line, int column, String message) {
        this.file = file;
        this.line = line;
        this.column = column;
        this.message = message;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof Problem)) {
            return false;
        }
        Problem other = (Problem) o;
        return java.util.Objects.equals(file, other.file)
            && line == other.line
            && column == other.column
            && java.util.Objects.equals(message, other.message);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(file, line, column, message);
    }
}
