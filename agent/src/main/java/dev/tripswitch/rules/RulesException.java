package dev.tripswitch.rules;

import java.util.List;

/** A rules file that cannot be used, with every problem found in it. */
public final class RulesException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public RulesException(List<Problem> problems) {
        super(lines(problems));
        this.problems = List.copyOf(problems);
    }

    private static String lines(List<Problem> problems) {
        StringBuilder out = new StringBuilder();
        for (Problem p : problems) {
            out.append(out.length() == 0 ? "" : System.lineSeparator()).append(p);
        }
        return out.toString();
    }

    public List<Problem> problems() {
        return problems;
    }
}
