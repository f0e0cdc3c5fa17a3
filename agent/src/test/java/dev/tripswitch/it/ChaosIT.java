package dev.tripswitch.it;

import java.nio.file.Path;

import javax.management.Attribute;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code chaos}, for drills: with {@code agent.chaos: true} injected failures and latency are
 * real outcomes (they trip the breaker), a WARN says chaos is on, and JMX
 * {@code Agent.ChaosEnabled=false} stops it at once; without {@code agent.chaos} the block
 * does nothing and {@code check} says so.
 */
class ChaosIT {

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void injectedFailuresTripTheBreakerUntilJmxSwitchesChaosOff(Jdk jdk) throws Exception {
        Path rules = Env.rules("""
                version: 1
                agent: {chaos: true}
                defaults: {minimumCalls: 4, window: {type: count, size: 10}, consecutiveFailures: 0}
                breakers:
                  - name: inventory
                    match: {type: com.acme.Inventory, methods: [reserve]}
                    chaos: {failureRate: 100%, exception: java.io.IOException}
                """);
        try (ChildJvm app = ChildJvm.start(jdk, rules).awaitReady()) {
            app.awaitStderr("WARN tripswitch chaos is ON (agent.chaos: true): inventory inject failures and latency");
            for (int i = 0; i < 4; i++) {
                assertEquals("ok {IOException: chaos: injected by tripswitch into inventory=1}", app.send("crowd 1 1"));
            }
            String open = app.send("crowd 1 1");
            assertTrue(open.startsWith("ok {CircuitOpenException: circuit open: inventory, retry after"), open);
            MBeanServerConnection jmx = app.jmx();
            ObjectName inventory = Jmx.breaker("inventory");
            Jmx.awaitRegistered(jmx, inventory);
            assertEquals(4L, Jmx.get(jmx, inventory, "TotalFailures"), "injected failures are real outcomes");
            assertEquals(true, Jmx.get(jmx, Jmx.agent(), "ChaosEnabled"));
            jmx.setAttribute(Jmx.agent(), new Attribute("ChaosEnabled", false));
            jmx.invoke(inventory, "reset", null, null);
            assertEquals("ok {reserved sku=1}", app.send("crowd 1 1"), "chaos off at once");
        }
    }

    @Test
    void injectedLatencyCountsAsSlowCalls() throws Exception {
        Path rules = Env.rules("""
                version: 1
                agent: {chaos: true}
                defaults: {minimumCalls: 3, window: {type: count, size: 10}, slowCall: 200ms, slowCallRate: 100%}
                breakers:
                  - name: inventory
                    match: {type: com.acme.Inventory, methods: [reserve]}
                    chaos: {latency: 300ms}
                """);
        try (ChildJvm app = ChildJvm.start(Jdk.java17(), rules).awaitReady()) {
            for (int i = 0; i < 3; i++) {
                assertEquals("ok {reserved sku=1}", app.send("crowd 1 1"));
            }
            MBeanServerConnection jmx = app.jmx();
            ObjectName inventory = Jmx.breaker("inventory");
            Jmx.awaitRegistered(jmx, inventory);
            assertEquals(3L, Jmx.get(jmx, inventory, "TotalSlowCalls"), "the injected wait is part of each call");
            assertEquals("OPEN", Jmx.state(jmx, inventory), "all 3 slow: the slow-call rate trips");
        }
    }

    @Test
    void withoutAgentChaosTheBlockDoesNothingAndCheckSaysSo() throws Exception {
        Path rules = Env.rules("""
                version: 1
                breakers:
                  - name: inventory
                    match: {type: com.acme.Inventory, methods: [reserve]}
                    chaos: {failureRate: 100%}
                """);
        try (ChildJvm app = ChildJvm.start(Jdk.java17(), rules).awaitReady()) {
            for (int i = 0; i < 6; i++) {
                assertEquals("ok {reserved sku=1}", app.send("crowd 1 1"));
            }
            assertEquals(false, Jmx.get(app.jmx(), Jmx.agent(), "ChaosEnabled"));
        }
        assertTrue(Cli.run("check", rules.toString()).out().contains(
                "chaos     inactive (agent.chaos is not true): 100% fail with java.io.IOException"));
    }
}
