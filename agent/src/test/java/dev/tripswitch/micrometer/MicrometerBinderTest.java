package dev.tripswitch.micrometer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.tripswitch.engine.BreakerConfig;
import dev.tripswitch.engine.CircuitBreaker;
import dev.tripswitch.engine.FakeClock;
import dev.tripswitch.log.AgentLog;
import dev.tripswitch.rules.BreakerRule;
import dev.tripswitch.rules.FailOn;
import dev.tripswitch.rules.MatchSpec;
import dev.tripswitch.rules.WhenOpen;
import dev.tripswitch.runtime.BreakerRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The breakers as meters of Micrometer's global registry (the application's, found by its
 * {@code Metrics} class): tagged by name and key, read when scraped, removed with their breaker.
 */
class MicrometerBinderTest {
    private final FakeClock clock = new FakeClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final AgentLog log = AgentLog.to(new PrintStream(logged, true, StandardCharsets.UTF_8));

    @AfterEach
    void leaveTheGlobalRegistry() {
        Metrics.removeRegistry(meters);
        meters.close();
    }

    private static BreakerRule rule(String name) {
        return new BreakerRule(name, List.of(new MatchSpec("A", false, List.of("m"), null)), null, 10, FailOn.DEFAULTS,
                WhenOpen.DEFAULT, BreakerConfig.DEFAULTS.toBuilder().consecutiveFailures(2).build(), null);
    }

    @Test
    void eachBreakerIsMetersTaggedByNameAndKeyReadWhenScraped() throws Exception {
        Metrics.addRegistry(meters);
        BreakerRegistry breakers = new BreakerRegistry(clock);
        CircuitBreaker payments = breakers.register(rule("payments")).all().get(0);
        MicrometerBinder binder = MicrometerBinder.bind(Metrics.class, breakers, log);

        assertEquals(1.0, meters.get("tripswitch.state").tags("name", "payments", "key", "", "state", "CLOSED").gauge().value());
        assertEquals(0.0, meters.get("tripswitch.state").tags("name", "payments", "state", "OPEN").gauge().value());
        for (int i = 0; i < 2; i++) {
            payments.onFailure(payments.acquire(), 1_000_000L, new IOException("refused"));
        }
        assertEquals(2.0, meters.get("tripswitch.calls").tags("name", "payments", "kind", "failure").functionCounter().count());
        assertEquals(1.0, meters.get("tripswitch.state").tags("name", "payments", "state", "OPEN").gauge().value(),
                "read when scraped: no call updates a meter");
        payments.acquire(); // rejected
        assertEquals(1.0, meters.get("tripswitch.calls").tags("name", "payments", "kind", "rejected").functionCounter().count());

        breakers.register(rule("orders"));
        assertNull(meters.find("tripswitch.state").tags("name", "orders").gauge(), "a new breaker waits for the reconcile");
        binder.reconcile();
        assertEquals(1.0, meters.get("tripswitch.state").tags("name", "orders", "state", "CLOSED").gauge().value());

        breakers.unregister("payments");
        binder.reconcile();
        assertNull(meters.find("tripswitch.calls").tags("name", "payments").functionCounter(), "its meters left with it");
        assertTrue(meters.find("tripswitch.calls").tags("name", "orders").functionCounter() != null);
        assertEquals("", logged.toString(StandardCharsets.UTF_8));
    }

    /** docs/grafana-dashboard.json asks only for series these meters make, by the names Prometheus gives them. */
    @Test
    void theGrafanaDashboardQueriesTheseMeters() throws Exception {
        Metrics.addRegistry(meters);
        BreakerRegistry breakers = new BreakerRegistry(clock);
        breakers.register(rule("payments"));
        MicrometerBinder.bind(Metrics.class, breakers, log);
        java.util.Set<String> series = new java.util.HashSet<>();
        for (io.micrometer.core.instrument.Meter m : meters.getMeters()) {
            String name = m.getId().getName().replace('.', '_');
            series.add(m.getId().getType() == io.micrometer.core.instrument.Meter.Type.COUNTER ? name + "_total" : name);
        }
        String dashboard = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/grafana-dashboard.json"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("tripswitch_[a-z0-9_]+").matcher(dashboard);
        int queried = 0;
        while (m.find()) {
            assertTrue(series.contains(m.group()), m.group() + " is not one of " + series);
            queried++;
        }
        assertTrue(queried >= 8, "the dashboard's panels query the breakers: " + queried);
        java.util.Map<?, ?> parsed = new org.yaml.snakeyaml.Yaml().load(dashboard); // JSON is YAML
        assertEquals("Tripswitch breakers", parsed.get("title"));
    }
}
