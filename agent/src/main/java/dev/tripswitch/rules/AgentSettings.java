package dev.tripswitch.rules;

/**
 * The {@code agent:} block.
 *
 * @param log    how much the agent logs
 * @param reload whether the file is watched and its edits applied (settings at once; new matches on restart)
 * @param chaos  whether the breakers' {@code chaos:} blocks inject faults (drills only)
 * @param http   the status endpoint, or null for none
 * @param cluster the Redis the breakers are shared through, or null (local breakers only)
 * @param discover whether every preset also observes (never rejects) to suggest rules
 *                 ({@code GET /suggest}, JMX {@code SuggestedRules})
 */
public record AgentSettings(LogLevel log, boolean reload, boolean chaos, HttpSettings http, ClusterSettings cluster,
                            boolean discover) {
    public static final AgentSettings DEFAULTS = new AgentSettings(LogLevel.INFO, false, false, null, null, false);

    /** Without a cluster, without discovery. */
    public AgentSettings(LogLevel log, boolean reload, boolean chaos, HttpSettings http) {
        this(log, reload, chaos, http, null, false);
    }
}
