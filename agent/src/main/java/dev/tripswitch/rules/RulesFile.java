package dev.tripswitch.rules;

import java.util.List;

/**
 * A rules file that passed validation: everything the agent needs, immutable.
 *
 * @param source   where it was read from, as users named it
 * @param notices  things worth telling the user that are not errors (keys not supported yet)
 */
public record RulesFile(String source, int version, AgentSettings agent, List<BreakerRule> breakers,
                        List<Problem> notices) {
    public RulesFile {
        breakers = List.copyOf(breakers);
        notices = List.copyOf(notices);
    }

    /** No rules at all: what the agent runs with when the file could not be used. */
    public static RulesFile empty(String source) {
        return new RulesFile(source, 1, AgentSettings.DEFAULTS, List.of(), List.of());
    }
}
