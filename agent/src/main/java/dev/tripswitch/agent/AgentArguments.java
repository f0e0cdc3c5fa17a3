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
}
