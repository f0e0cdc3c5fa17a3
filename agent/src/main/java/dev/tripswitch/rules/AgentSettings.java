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
 * @param micrometer whether the breakers become meters of the application's Micrometer global
 *                   registry when it has one (on unless {@code agent.micrometer: false})
 *                 ({@code GET /suggest}, JMX {@code SuggestedRules})
 */
public final class AgentSettings {
    private final LogLevel log;
    private final boolean reload;
    private final boolean chaos;
    private final HttpSettings http;
    private final ClusterSettings cluster;
    private final boolean discover;
    private final boolean micrometer;

    public AgentSettings(LogLevel log, boolean reload, boolean chaos, HttpSettings http, ClusterSettings cluster, boolean discover) {
        this(log, reload, chaos, http, cluster, discover, true);
    }

    public AgentSettings(LogLevel log, boolean reload, boolean chaos, HttpSettings http, ClusterSettings cluster, boolean discover, boolean micrometer) {
        this.log = log;
        this.reload = reload;
        this.chaos = chaos;
        this.http = http;
        this.cluster = cluster;
        this.discover = discover;
        this.micrometer = micrometer;
    }

    public LogLevel log() {
        return log;
    }

    public boolean reload() {
        return reload;
    }

    public boolean chaos() {
        return chaos;
    }

    public HttpSettings http() {
        return http;
    }

    public ClusterSettings cluster() {
        return cluster;
    }

    public boolean discover() {
        return discover;
    }

    public boolean micrometer() {
        return micrometer;
    }

    public static final AgentSettings DEFAULTS = new AgentSettings(LogLevel.INFO, false, false, null, null, false);

    /** Without a cluster, without discovery. */
    public AgentSettings(LogLevel log, boolean reload, boolean chaos, HttpSettings http) {
        this(log, reload, chaos, http, null, false);
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof AgentSettings)) {
            return false;
        }
        AgentSettings other = (AgentSettings) o;
        return java.util.Objects.equals(log, other.log)
            && reload == other.reload
            && chaos == other.chaos
            && java.util.Objects.equals(http, other.http)
            && java.util.Objects.equals(cluster, other.cluster)
            && discover == other.discover
            && micrometer == other.micrometer;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(log, reload, chaos, http, cluster, discover, micrometer);
    }

    @Override
    public String toString() {
        return "AgentSettings[log=" + log + ", reload=" + reload + ", chaos=" + chaos + ", http=" + http + ", cluster=" + cluster + ", discover=" + discover + ", micrometer=" + micrometer + "]";
    }
}
