package dev.tripswitch.jmx;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.tripswitch.engine.CircuitBreaker;
import dev.tripswitch.runtime.AgentStatus;
import dev.tripswitch.runtime.BreakerRegistry;
import dev.tripswitch.weaving.WeaveReport;

/** The MXBean of the agent: its rules file, its breakers, what it wove and what it did not. */
final class AgentView implements AgentMXBean {
    private final AgentStatus status;
    private final BreakerRegistry registry;
    private final WeaveReport report;
    private final Function<String, String> reload;

    AgentView(AgentStatus status, BreakerRegistry registry, WeaveReport report, Function<String, String> reload) {
        this.status = status;
        this.registry = registry;
        this.report = report;
        this.reload = reload;
    }

    @Override
    public String getSuggestedRules() {
        return dev.tripswitch.suggest.Discovery.suggestion(registry, status.discoveringSinceMillis());
    }

    @Override
    public boolean isClusterConnected() {
        return status.cluster() != null && status.cluster().connected();
    }

    @Override
    public long getClusterMessagesDropped() {
        return status.cluster() == null ? 0 : status.cluster().dropped();
    }

    @Override
    public long getClusterMessagesRefused() {
        return status.cluster() == null ? 0 : status.cluster().refused();
    }

    @Override
    public int getClusterPeers() {
        return status.cluster() == null ? 0 : status.cluster().peers();
    }

    @Override
    public String getClusterLastSyncAt() {
        dev.tripswitch.runtime.ClusterState c = status.cluster();
        return c == null || c.lastSyncAtMillis() == 0 ? null : Instant.ofEpochMilli(c.lastSyncAtMillis()).toString();
    }

    @Override
    public String getRulesFile() {
        return status.rulesFile();
    }

    @Override
    public String getRulesLoadedAt() {
        return status.loadedAtMillis() == 0 ? null : Instant.ofEpochMilli(status.loadedAtMillis()).toString();
    }

    @Override
    public int getRulesVersion() {
        return status.version();
    }

    @Override
    public String getLastReloadError() {
        return status.lastError();
    }

    @Override
    public String[] getBreakers() {
        List<String> out = new ArrayList<>();
        for (CircuitBreaker b : registry.all()) {
            out.add(b.name() + (b.key() == null ? "" : "[" + b.key() + "]") + " " + b.state());
        }
        return out.toArray(new String[0]);
    }

    @Override
    public String[] getInstrumented() {
        return report.instrumented().toArray(new String[0]);
    }

    @Override
    public boolean isChaosEnabled() {
        return dev.tripswitch.bridge.Dispatcher.chaos();
    }

    @Override
    public void setChaosEnabled(boolean enabled) {
        if (enabled && !status.chaosAllowed()) {
            throw new IllegalStateException("agent.chaos is not true in the rules file: chaos stays off");
        }
        dev.tripswitch.bridge.Dispatcher.chaos(enabled);
    }

    @Override
    public String[] getUnguardedMethods() {
        return report.unjudged().toArray(new String[0]);
    }

    @Override
    public String[] getUnmatchedRules() {
        return report.unmatched().toArray(new String[0]);
    }

    @Override
    public String reload() {
        return reload.apply(null);
    }

    @Override
    public String reloadFrom(String rulesFile) {
        if (rulesFile == null || rulesFile.isBlank()) {
            return reload();
        }
        return reload.apply(rulesFile);
    }

    @Override
    public void resetAll() {
        registry.resetAll("reset over JMX (resetAll)");
    }
}
