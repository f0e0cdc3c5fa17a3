package dev.tripswitch.agent;

import java.nio.file.Path;

/**
 * What follows {@code -javaagent:tripswitch-agent.jar=}: a rules file and optionally
 * {@code strict}. Without a file, {@code TRIPSWITCH_RULES} names it, else {@code ./rules.yml}.
 */
final class AgentArguments {
    private final Path rules;
    private final boolean strict;

    AgentArguments(Path rules, boolean strict) {
        this.rules = rules;
        this.strict = strict;
    }

    public Path rules() {
        return rules;
    }

    public boolean strict() {
        return strict;
    }


    static AgentArguments parse(String args, String environmentRules) {
        String file = null;
        if (args != null) {
            for (String part : args.split(",")) {
                String p = part.trim();
                if (!p.equals("strict") && !p.isEmpty()) {
                    file = p;
                }
            }
        }
        if (file == null) {
            file = environmentRules != null && !environmentRules.isBlank() ? environmentRules : "rules.yml";
        }
        return new AgentArguments(Path.of(file), Premain.isStrict(args));
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof AgentArguments)) {
            return false;
        }
        AgentArguments other = (AgentArguments) o;
        return java.util.Objects.equals(rules, other.rules)
            && strict == other.strict;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(rules, strict);
    }

    @Override
    public String toString() {
        return "AgentArguments[rules=" + rules + ", strict=" + strict + "]";
    }
}
