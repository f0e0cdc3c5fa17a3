package dev.tripswitch.it;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.management.Attribute;
import javax.management.AttributeChangeNotification;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole life of a breaker in a real application, on Java 17 and Java 25: it trips,
 * rejects without entering the method, goes HALF_OPEN on its own, recovers; JConsole's
 * view (attributes, notifications, operations, writable thresholds) follows along.
 */
class BreakerLifecycleIT {
    private static final String RULES = """
            version: 1
            defaults:
              minimumCalls: 4
              window: {type: count, size: 10}
              openFor: 1s
              halfOpen: {calls: 1, successes: 2, maxWait: 10s}
            breakers:
              - name: payments
                match:
                  type: com.acme.PaymentsClient
                  methods: [charge, ping]
            """;

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void tripsRejectsWithoutEnteringAndRecoversThroughHalfOpen(Jdk jdk) throws Exception {
        Path rules = Env.rules(RULES);
        try (ChildJvm app = ChildJvm.start(jdk, rules).awaitReady()) {
            MBeanServerConnection jmx = app.jmx();
            ObjectName payments = Jmx.breaker("payments");
            Jmx.awaitRegistered(jmx, payments);
            List<AttributeChangeNotification> changes = new CopyOnWriteArrayList<>();
            jmx.addNotificationListener(payments, (n, h) -> changes.add((AttributeChangeNotification) n), null, null);

            assertEquals("ok charged acct 100", app.send("charge acct 100"));
            assertEquals("CLOSED", Jmx.state(jmx, payments));
            assertEquals("ok", app.send("fail on"));
            for (int i = 0; i < 3; i++) {
                assertEquals("error java.io.IOException: payments is down", app.send("charge acct 100"));
            }
            assertEquals("OPEN", Jmx.state(jmx, payments));
            assertEquals(75.0, Jmx.get(jmx, payments, "FailureRate"));
            assertEquals("java.io.IOException: payments is down", Jmx.get(jmx, payments, "LastFailure"));

            String entered = app.send("entered");
            String rejected = app.send("charge acct 100");
            assertTrue(rejected.startsWith("error dev.tripswitch.CircuitOpenException: circuit open: payments, retry after "),
                    rejected);
            assertEquals(entered, app.send("entered"), "a rejected call must not enter the method");
            assertEquals(1L, Jmx.get(jmx, payments, "TotalRejected"));
            assertTrue((Long) Jmx.get(jmx, payments, "RetryAfterMillis") <= 1000);

            ChildJvm.await("HALF_OPEN without any call", () -> "HALF_OPEN".equals(Jmx.state(jmx, payments)));
            assertEquals("ok", app.send("fail off"));
            assertEquals("ok charged acct 1", app.send("charge acct 1"));
            assertEquals("HALF_OPEN", Jmx.state(jmx, payments));
            assertEquals("ok charged acct 2", app.send("charge acct 2"));
            assertEquals("CLOSED", Jmx.state(jmx, payments));
            assertEquals(1L, Jmx.get(jmx, payments, "TimesOpened"));
            assertEquals(7L, Jmx.get(jmx, payments, "TotalCalls")); // 3 successes, 3 failures, 1 rejected
            String[] targets = (String[]) Jmx.get(jmx, payments, "Targets");
            assertEquals(List.of("com.acme.PaymentsClient#charge(java.lang.String,long)", "com.acme.PaymentsClient#ping()"),
                    List.of(targets));

            ChildJvm.await("three State notifications", () -> changes.size() >= 3);
            assertEquals("State", changes.get(0).getAttributeName());
            assertEquals("CLOSED", changes.get(0).getOldValue());
            assertEquals("OPEN", changes.get(0).getNewValue());
            assertEquals("failure rate 75% >= 50% over 4 calls", changes.get(0).getMessage());
            assertEquals("HALF_OPEN", changes.get(1).getNewValue());
            assertEquals("CLOSED", changes.get(2).getNewValue());
            assertEquals("2 trial calls succeeded", changes.get(2).getMessage());

            app.awaitStderr("WARN tripswitch breaker=payments from=CLOSED to=OPEN"
                    + " reason=\"failure rate 75% >= 50% over 4 calls\" retryAfter=1000ms");
            String[] instrumented = (String[]) Jmx.get(jmx, Jmx.agent(), "Instrumented");
            assertEquals("com.acme.PaymentsClient#charge(java.lang.String,long) -> payments", instrumented[0]);
            assertEquals(0, ((String[]) Jmx.get(jmx, Jmx.agent(), "UnmatchedRules")).length);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.tripswitch.it.Jdk#all")
    void operatorsSteerTheBreakerFromJmx(Jdk jdk) throws Exception {
        Path rules = Env.rules(RULES);
        try (ChildJvm app = ChildJvm.start(jdk, rules).awaitReady()) {
            MBeanServerConnection jmx = app.jmx();
            ObjectName payments = Jmx.breaker("payments");
            Jmx.awaitRegistered(jmx, payments);

            jmx.invoke(payments, "forceOpen", null, null);
            assertEquals("FORCED_OPEN", Jmx.state(jmx, payments));
            assertEquals("error dev.tripswitch.CircuitOpenException: circuit open: payments, forced open until reset",
                    app.send("ping"));
            assertEquals(-1L, Jmx.get(jmx, payments, "RetryAfterMillis"), "no time lets calls through, only a reset");
            app.awaitStderr("tripswitch breaker=payments from=CLOSED to=FORCED_OPEN reason=\"forced open over JMX\""
                    + " until=reset");
            jmx.invoke(payments, "reset", null, null);
            assertEquals("ok", app.send("ping"));

            jmx.setAttribute(payments, new Attribute("MinimumCalls", 2));
            jmx.setAttribute(payments, new Attribute("FailureRateThreshold", 100.0));
            assertEquals(2, Jmx.get(jmx, payments, "MinimumCalls"));
            assertEquals("ok", app.send("fail on"));
            app.send("ping"); // 1 of 2 failed: 50% < 100%
            assertEquals("CLOSED", Jmx.state(jmx, payments));
            jmx.invoke(payments, "disable", null, null);
            for (int i = 0; i < 5; i++) {
                assertEquals("error java.io.IOException: payments is down", app.send("ping"));
            }
            assertEquals("DISABLED", Jmx.state(jmx, payments));
            assertEquals(6L, Jmx.get(jmx, payments, "WindowFailures"));
            jmx.invoke(Jmx.agent(), "resetAll", null, null);
            assertEquals("CLOSED", Jmx.state(jmx, payments));
            assertEquals(0L, Jmx.get(jmx, payments, "WindowCalls"));
        }
    }
}
