package dev.tripswitch.rules;

/** How much the agent says ({@code agent.log}). */
public enum LogLevel {
    OFF, ERROR, WARN, INFO, DEBUG;

    /** True when a message of {@code level} is to be written at this setting. */
    public boolean allows(LogLevel level) {
        return this != OFF && level.ordinal() <= ordinal();
    }
}
