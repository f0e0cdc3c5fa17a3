package dev.tripswitch.it;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JMX {@code reload()} puts an edited file in force in the running application: settings at
 * once, added, removed and re-matched rules by weaving the loaded classes again; observe mode
 * never rejects.
 */
class ReloadAndObserveIT {
    private static final String RULES = """
            version: 1
            defaults: {minimumCalls: 4, window: {type: count, size: 10}}
            breakers:
              - name: payments
                match: {type: com.acme.PaymentsClient, methods: [charge]}
                mode: %s
                failureRate: %s
            """;

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void reloadAddsRemovesAndRematchesRulesInTheRunningApplication(Jdk jdk) throws Exception {
        Path rules = Env.rules(RULES.formatted("enforce", "50%"));
        try (ChildJvm app = ChildJvm.start(jdk, rules).awaitReady()) {
            assertEquals("ok order 1 v1", app.send("lookup 1"), "Orders is loaded, and no rule weaves it yet");
            MBeanServerConnection jmx = app.jmx();
            ObjectName payments = Jmx.breaker("payments");
            Jmx.awaitRegistered(jmx, payments);
            assertEquals(50.0, Jmx.get(jmx, payments, "FailureRateThreshold"));
            assertEquals(1, Jmx.get(jmx, Jmx.agent(), "RulesVersion"));

            Files.writeString(rules, RULES.formatted("enforce", "80%"));
            String answer = (String) jmx.invoke(Jmx.agent(), "reload", null, null);
            assertTrue(answer.contains("(version 2): settings applied to payments"), answer);
            assertEquals(80.0, Jmx.get(jmx, payments, "FailureRateThreshold"));

            // a rule added for a class loaded long ago: woven by retransformation, and it trips
            Files.writeString(rules, RULES.formatted("enforce", "80%") + """
                      - name: inventory
                        match: {type: com.acme.Orders, methods: [lookup]}
                        consecutiveFailures: 2
                    """);
            answer = (String) jmx.invoke(Jmx.agent(), "reload", null, null);
            assertTrue(answer.contains("added: inventory") && answer.contains("woven again"), answer);
            assertEquals(3, Jmx.get(jmx, Jmx.agent(), "RulesVersion"));
            app.send("orders-fail on");
            app.send("lookup 1");
            app.send("lookup 1");
            ObjectName inventory = Jmx.breaker("inventory");
            Jmx.awaitRegistered(jmx, inventory);
            assertEquals("OPEN", Jmx.state(jmx, inventory), "two failures in a row trip the new rule");
            String rejected = app.send("lookup 1");
            assertTrue(rejected.startsWith("error dev.tripswitch.CircuitOpenException: circuit open: inventory"),
                    rejected);
            assertTrue(java.util.Arrays.asList((String[]) Jmx.get(jmx, Jmx.agent(), "Instrumented"))
                    .contains("com.acme.Orders#lookup(java.lang.String) -> inventory"));

            // re-matched: the old method is left alone, the new one is guarded
            Files.writeString(rules, RULES.formatted("enforce", "80%") + """
                      - name: inventory
                        match: {type: com.acme.Orders, methods: [history]}
                        consecutiveFailures: 2
                    """);
            answer = (String) jmx.invoke(Jmx.agent(), "reload", null, null);
            assertTrue(answer.contains("re-matched: inventory"), answer);
            assertTrue(app.send("lookup 1").startsWith("error java.io.IOException"), "lookup is no longer guarded");
            app.send("history a");
            app.send("history a");
            Jmx.awaitRegistered(jmx, inventory);
            assertEquals("OPEN", Jmx.state(jmx, inventory), "history trips the re-matched rule");
            assertEquals(2L, Jmx.get(jmx, inventory, "TotalFailures"), "a fresh breaker: the old one's calls are gone");

            // removed: its breaker leaves JConsole and its method runs as if never woven
            Files.writeString(rules, RULES.formatted("enforce", "80%"));
            answer = (String) jmx.invoke(Jmx.agent(), "reload", null, null);
            assertTrue(answer.contains("removed: inventory"), answer);
            ChildJvm.await("the removed rule's MBean unregistered", () -> { // JMX catches up on its own thread
                try {
                    return !jmx.isRegistered(inventory);
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            assertTrue(app.send("history a").startsWith("error java.io.IOException"), "the method runs unguarded");
            assertEquals(List.of(), java.util.Arrays.stream((String[]) Jmx.get(jmx, Jmx.agent(), "Instrumented"))
                    .filter(m -> m.endsWith("-> inventory")).toList());

            Files.writeString(rules, "version: 1\nbreakers:\n  - name: payments\n    match: {type: x, methods: [y]}\n"
                    + "    failureRate: 300%\n");
            answer = (String) jmx.invoke(Jmx.agent(), "reload", null, null);
            assertTrue(answer.startsWith("not reloaded: ") && answer.contains(":5:18: "), answer);
            assertEquals(80.0, Jmx.get(jmx, payments, "FailureRateThreshold"), "the rules in force stay");
            assertEquals(5, Jmx.get(jmx, Jmx.agent(), "RulesVersion"), "a file that does not validate is not applied");
            assertTrue(String.valueOf(Jmx.get(jmx, Jmx.agent(), "LastReloadError")).contains(":5:18: "));
        }
    }

    @Test
    void reloadReachesKeysSeenForTheFirstTimeAndARevertApplies() throws Exception {
        String keyed = """
                version: 1
                breakers:
                  - name: orders
                    match: {type: com.acme.Orders, methods: [lookup]}
                    key: arg0
                    failureRate: %s
                """;
        Path rules = Env.rules(keyed.formatted("50%"));
        try (ChildJvm app = ChildJvm.start(Jdk.java17(), rules).awaitReady()) {
            assertTrue(app.send("lookup a").startsWith("ok order a"));
            MBeanServerConnection jmx = app.jmx();
            ObjectName a = Jmx.breaker("orders", "a");
            Jmx.awaitRegistered(jmx, a);

            Files.writeString(rules, keyed.formatted("70%"));
            String answer = (String) jmx.invoke(Jmx.agent(), "reload", null, null);
            assertTrue(answer.contains("settings applied to orders"), answer);
            assertTrue(app.send("lookup b").startsWith("ok order b"));
            ObjectName b = Jmx.breaker("orders", "b");
            Jmx.awaitRegistered(jmx, b);
            assertEquals(70.0, Jmx.get(jmx, a, "FailureRateThreshold"), "a key seen before the reload");
            assertEquals(70.0, Jmx.get(jmx, b, "FailureRateThreshold"), "a key seen for the first time after it");

            Files.writeString(rules, keyed.formatted("50%"));
            answer = (String) jmx.invoke(Jmx.agent(), "reload", null, null);
            assertTrue(answer.contains("settings applied to orders"), "reverting to the start-up values applies: " + answer);
            assertTrue(app.send("lookup c").startsWith("ok order c"));
            ObjectName c = Jmx.breaker("orders", "c");
            Jmx.awaitRegistered(jmx, c);
            for (ObjectName key : new ObjectName[] {a, b, c}) {
                assertEquals(50.0, Jmx.get(jmx, key, "FailureRateThreshold"), key.toString());
            }
        }
    }

    @Test
    void withReloadTrueEditsOfTheFileApplyByThemselves() throws Exception {
        String watched = "version: 1\nagent: {reload: true}\n" + RULES.formatted("enforce", "50%").substring(11);
        Path rules = Env.rules(watched);
        try (ChildJvm app = ChildJvm.start(Jdk.java17(), rules).awaitReady()) {
            MBeanServerConnection jmx = app.jmx();
            ObjectName payments = Jmx.breaker("payments");
            Jmx.awaitRegistered(jmx, payments);
            assertEquals(50.0, Jmx.get(jmx, payments, "FailureRateThreshold"));
            Files.writeString(rules, watched.replace("failureRate: 50%", "failureRate: 75%"));
            ChildJvm.await("the edit to apply", () -> Double.valueOf(75.0).equals(
                    Jmx.get(jmx, payments, "FailureRateThreshold")));
            app.awaitStderr("reloaded " + rules + " (version 2): settings applied to payments"); // follows the change it reports
        }
    }

    @Test
    void observeModeComputesEveryTransitionButNeverRejects() throws Exception {
        try (ChildJvm app = ChildJvm.start(Jdk.java17(), Env.rules(RULES.formatted("observe", "50%"))).awaitReady()) {
            assertEquals("ok", app.send("fail on"));
            for (int i = 0; i < 10; i++) {
                assertEquals("error java.io.IOException: payments is down", app.send("charge a 1"));
            }
            assertEquals("ok 10", app.send("entered"), "observe never rejects");
            MBeanServerConnection jmx = app.jmx();
            ObjectName payments = Jmx.breaker("payments");
            Jmx.awaitRegistered(jmx, payments);
            assertEquals("OPEN", Jmx.state(jmx, payments));
            assertEquals("OBSERVE", Jmx.get(jmx, payments, "Mode"));
            assertEquals(6L, Jmx.get(jmx, payments, "WouldReject"));
            assertEquals(0L, Jmx.get(jmx, payments, "TotalRejected"));
        }
    }
}
