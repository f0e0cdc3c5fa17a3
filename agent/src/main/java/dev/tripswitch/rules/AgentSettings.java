package dev.tripswitch.rules;

/**
 * The {@code agent:} block.
 *
 * @param log    how much the agent logs
 * @param reload whether the file is watched and its edits applied (settings at once; new matches on restart)
 * @param chaos  whether the breakers' {@code chaos:} blocks inject faults (drills only)
 * @param http   the status endpoint, or null for none
 * @param cluster the Redis the breakers are shared through, or null (local breakers only)
 */
public record AgentSettings(LogLevel log, boolean reload, boolean chaos, HttpSettings http, ClusterSettings cluster) {
    public static final AgentSettings DEFAULTS = new AgentSettings(LogLevel.INFO, false, false, null, null);

    /** Without a cluster. */
    public AgentSettings(LogLevel log, boolean reload, boolean chaos, HttpSettings http) {
        this(log, reload, chaos, http, null);
    }
}
