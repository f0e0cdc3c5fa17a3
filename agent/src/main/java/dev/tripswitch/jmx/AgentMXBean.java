package dev.tripswitch.jmx;

/** The agent itself in JConsole: {@code tripswitch:type=Agent} (docs/jmx.md). */
public interface AgentMXBean {
    String getRulesFile();

    /** ISO-8601. */
    String getRulesLoadedAt();

    int getRulesVersion();

    /** Why the last load or reload could not be used, or null. */
    String getLastReloadError();

    /** Every breaker: {@code name} or {@code name[key]}, with its state. */
    String[] getBreakers();

    /** Every woven method: {@code com.acme.PaymentsClient#charge(java.lang.String) -> payments}. */
    String[] getInstrumented();

    /** Rules that matched no method so far (classes load lazily). */
    String[] getUnmatchedRules();

    /** Whether the rules' chaos blocks inject faults now ({@code agent.chaos}); set false to stop a drill at once. */
    boolean isChaosEnabled();

    void setChaosEnabled(boolean enabled);

    /** Matched methods left unguarded because they return a promise the agent cannot follow (a Mono, a Future). */
    String[] getUnguardedMethods();

    /** With {@code agent.cluster}: whether Redis answers now (false without a cluster). */
    boolean isClusterConnected();

    /** Other JVMs of the namespace heard of in the last 10 seconds. */
    int getClusterPeers();

    /** ISO-8601: the last exchange of state with Redis, or null. */
    String getClusterLastSyncAt();

    /** Changes of this JVM's breakers the others were not told: the outbox to Redis was full. */
    long getClusterMessagesDropped();

    /** Messages from the namespace not applied here: malformed, unsigned or wrongly signed, out of bounds. */
    long getClusterMessagesRefused();

    /**
     * With {@code agent.discover} (or after {@code suggest}): a rules.yml for the outbound
     * HTTP hosts and databases seen so far, thresholds from what was measured; else null.
     */
    String getSuggestedRules();

    /** Reads the rules file again and puts it in force without a restart; returns what it did. */
    String reload();

    /**
     * Puts another rules file in force (a path on the application's machine), as
     * {@code attach <pid> other.yml} does; it stays the file in force if it validates.
     */
    String reloadFrom(String rulesFile);

    /** Resets every breaker. */
    void resetAll();
}
