package dev.tripswitch.rules;

/**
 * One mistake in a rules file, where it is and what to do about it. Printed as
 * {@code rules.yml:12:7: <message>}, the form editors and terminals turn into links.
 */
public record Problem(String file, int line, int column, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
