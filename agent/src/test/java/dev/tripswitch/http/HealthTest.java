package dev.tripswitch.http;

import java.util.List;

import dev.tripswitch.engine.BreakerConfig;
import dev.tripswitch.engine.Clock;
import dev.tripswitch.rules.BreakerRule;
import dev.tripswitch.rules.FailOn;
import dev.tripswitch.rules.MatchSpec;
import dev.tripswitch.rules.WhenOpen;
import dev.tripswitch.runtime.BreakerRegistry;
import dev.tripswitch.runtime.ClusterState;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /health}: with a cluster, the link is shown (never its password); without, nothing of it. */
class HealthTest {
    @Test
    void theClusterLinkIsPartOfTheHealthDocumentOnlyWhenSet() {
        BreakerRegistry registry = new BreakerRegistry(Clock.system());
        registry.register(new BreakerRule("api", List.of(new MatchSpec("A", false, List.of("m"), null)), null, 1,
                FailOn.DEFAULTS, WhenOpen.DEFAULT, BreakerConfig.DEFAULTS, null));
        ClusterState cluster = new ClusterState("redis://app:***@cache:6379", "shop");
        cluster.connected(true);
        cluster.synced(System.currentTimeMillis(), 2);
        Health.Status[] overall = new Health.Status[1];
        String json = Health.all(registry, 5, overall, cluster);
        assertTrue(json.contains("\"cluster\":{\"redis\":\"redis://app:***@cache:6379\",\"namespace\":\"shop\","
                + "\"connected\":true,\"peers\":2,\"messagesDropped\":0,\"messagesRefused\":0}"), json);
        assertFalse(Health.all(registry, 5, overall, null).contains("cluster"));
    }
}
