package dev.tripswitch.runtime;

/**
 * What the agent knows about its rules file, for the views: which file, when it was
 * loaded, and why the last load or reload could not be used.
 */
public final class AgentStatus {
    /**
     * The system property a running agent sets to its rules file: the command line reads it
     * (through the Attach API) to tell an operator the agent is there already.
     */
    public static final String RUNNING_PROPERTY = "tripswitch.agent.rules";

    private volatile String rulesFile;
    private volatile long loadedAtMillis;
    private volatile int version;
    private volatile String lastError;
    private volatile boolean chaosAllowed;
    private volatile ClusterState cluster;
    private volatile long discoveringSinceMillis;

    public AgentStatus(String rulesFile) {
        this.rulesFile = rulesFile;
    }

    /** Whether the rules file in force says {@code agent.chaos: true} (JMX may then switch chaos back on). */
    public boolean chaosAllowed() {
        return chaosAllowed;
    }

    public void chaosAllowed(boolean allowed) {
        chaosAllowed = allowed;
    }

    /** Since when the discovery rules observe ({@code agent.discover}), or 0 when they do not. */
    public long discoveringSinceMillis() {
        return discoveringSinceMillis;
    }

    public void discovering(boolean on) {
        if (!on) {
            discoveringSinceMillis = 0;
        } else if (discoveringSinceMillis == 0) {
            discoveringSinceMillis = System.currentTimeMillis();
        }
    }

    /** The cluster link's state, or null without {@code agent.cluster}. */
    public ClusterState cluster() {
        return cluster;
    }

    public void cluster(ClusterState state) {
        cluster = state;
    }

    public String rulesFile() {
        return rulesFile;
    }

    public long loadedAtMillis() {
        return loadedAtMillis;
    }

    /** How many loads of the rules were put in force: 1 after the start, one more per applied reload. */
    public int version() {
        return version;
    }

    public String lastError() {
        return lastError;
    }

    /** Rules were loaded and put in force (at start, or by a reload): {@link #version()} counts these. */
    public void loaded(long atMillis) {
        this.version++;
        this.loadedAtMillis = atMillis;
        this.lastError = null;
    }

    /** Another rules file is in force now ({@code attach <pid> other.yml} on a JVM running the agent). */
    public void rulesFile(String file) {
        this.rulesFile = file;
    }

    public void failed(String error) {
        this.lastError = error;
    }
}
