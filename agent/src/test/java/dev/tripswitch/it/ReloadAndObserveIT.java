package dev.tripswitch.it;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JMX {@code reload()} applies changed settings at once and reports what needs a restart; observe mode never rejects. */
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

    @Test
    void reloadAppliesSettingsAndSaysWhatNeedsARestart() throws Exception {
        Path rules = Env.rules(RULES.formatted("enforce", "50%"));
        try (ChildJvm app = ChildJvm.start(Jdk.java17(), rules).awaitReady()) {
            MBeanServerConnection jmx = app.jmx();
            ObjectName payments = Jmx.breaker("payments");
            Jmx.awaitRegistered(jmx, payments);
            assertEquals(50.0, Jmx.get(jmx, payments, "FailureRateThreshold"));

            Files.writeString(rules, RULES.formatted("enforce", "80%"));
            String answer = (String) jmx.invoke(Jmx.agent(), "reload", null, null);
            assertTrue(answer.contains("settings applied to payments"), answer);
            assertEquals(80.0, Jmx.get(jmx, payments, "FailureRateThreshold"));

            Files.writeString(rules, RULES.formatted("enforce", "80%") + """
                      - name: inventory
                        match: {type: com.acme.Orders, methods: [lookup]}
                    """);
            answer = (String) jmx.invoke(Jmx.agent(), "reload", null, null);
            assertTrue(answer.contains("on the next start only: inventory (new)"), answer);
            assertTrue(String.valueOf(Jmx.get(jmx, Jmx.agent(), "LastReloadError")).contains("inventory (new)"));

            Files.writeString(rules, "version: 1\nbreakers:\n  - name: payments\n    match: {type: x, methods: [y]}\n"
                    + "    failureRate: 300%\n");
            answer = (String) jmx.invoke(Jmx.agent(), "reload", null, null);
            assertTrue(answer.startsWith("not reloaded: ") && answer.contains(":5:18: "), answer);
            assertEquals(80.0, Jmx.get(jmx, payments, "FailureRateThreshold"), "the rules in force stay");
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
            app.awaitStderr("reloaded " + rules + ": settings applied to payments"); // follows the change it reports
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
