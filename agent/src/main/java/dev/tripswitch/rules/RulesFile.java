package dev.tripswitch.rules;

import java.util.List;

/**
 * A rules file that passed validation: everything the agent needs, immutable.
 *
 * @param source   where it was read from, as users named it
 * @param notices  things worth telling the user that are not errors (keys not supported yet)
 */
public final class RulesFile {
    private final String source;
    private final int version;
    private final AgentSettings agent;
    private final List<BreakerRule> breakers;
    private final List<Problem> notices;

    public String source() {
        return source;
    }

    public int version() {
        return version;
    }

    public AgentSettings agent() {
        return agent;
    }

    public List<BreakerRule> breakers() {
        return breakers;
    }

    public List<Problem> notices() {
        return notices;
    }

    public RulesFile(String source, int version, AgentSettings agent, List<BreakerRule> breakers, List<Problem> notices) {
        breakers = List.copyOf(breakers);
        notices = List.copyOf(notices);
        this.source = source;
        this.version = version;
        this.agent = agent;
        this.breakers = breakers;
        this.notices = notices;
    }

    /** No rules at all: what the agent runs with when the file could not be used. */
    public static RulesFile empty(String source) {
        return new RulesFile(source, 1, AgentSettings.DEFAULTS, List.of(), List.of());
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof RulesFile)) {
            return false;
        }
        RulesFile other = (RulesFile) o;
        return java.util.Objects.equals(source, other.source)
            && version == other.version
            && java.util.Objects.equals(agent, other.agent)
            && java.util.Objects.equals(breakers, other.breakers)
            && java.util.Objects.equals(notices, other.notices);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(source, version, agent, breakers, notices);
    }

    @Override
    public String toString() {
        return "RulesFile[source=" + source + ", version=" + version + ", agent=" + agent + ", breakers=" + breakers + ", notices=" + notices + "]";
    }
}
