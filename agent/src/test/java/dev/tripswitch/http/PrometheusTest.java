package dev.tripswitch.http;

import java.util.List;

import dev.tripswitch.engine.BreakerConfig;
import dev.tripswitch.engine.CircuitBreaker;
import dev.tripswitch.engine.Clock;
import dev.tripswitch.rules.BreakerRule;
import dev.tripswitch.rules.FailOn;
import dev.tripswitch.rules.MatchSpec;
import dev.tripswitch.rules.WhenOpen;
import dev.tripswitch.runtime.BreakerRegistry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The /metrics page: one series per breaker for calls by outcome and for retries. */
class PrometheusTest {
    @Test
    void retriesAreACounterOfTheirOwnBesideTheCalls() {
        BreakerRegistry registry = new BreakerRegistry(Clock.system());
        registry.register(new BreakerRule("api", List.of(new MatchSpec("A", false, List.of("m"), null)), null, 1,
                FailOn.DEFAULTS, WhenOpen.DEFAULT, BreakerConfig.DEFAULTS, null));
        CircuitBreaker b = registry.all().iterator().next();
        b.onFailure(b.acquire(), -1, new java.io.IOException("down"));
        b.onRetry();
        b.onSuccess(b.acquire(), -1);
        String page = Prometheus.scrape(registry);
        assertTrue(page.contains("# TYPE tripswitch_retries_total counter\n"), page);
        assertTrue(page.contains("tripswitch_retries_total{breaker=\"api\",key=\"\"} 1\n"), page);
        assertTrue(page.contains("tripswitch_calls_total{breaker=\"api\",key=\"\",outcome=\"failure\"} 1\n"), page);
        assertTrue(page.contains("tripswitch_calls_total{breaker=\"api\",key=\"\",outcome=\"success\"} 1\n"), page);
    }
}
